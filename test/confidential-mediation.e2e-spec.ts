import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Caller, DispatchOutboxUseCase, ExportCaseHistoriesUseCase, ExportCaseUseCase } from '@compact/application';
import { Store } from '@compact/domain';
import { canonicalJson, payloadDigestOf } from '@compact/engine';
import { createHash } from 'node:crypto';
import { download, fixture, upload } from './support/documents';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';

/** Text that must never leave the two sides of its exchange. */
const TO_MEDIATOR = 'SECRET-TO-MEDIATOR: we could live with a phased cut';
const TO_COUNCIL = 'SECRET-TO-COUNCIL: the trust will settle for six months';

/**
 * Confidential mediation over HTTP on a real database: who may send a CONFIDENTIAL_NOTE and when,
 * who sees its content (the two sides of the exchange) and who sees only that it took place, the
 * chain verifying for everyone by the payload's digest, and the content absent from emails,
 * exports and the board's figures.
 */
describe('confidential notes in mediation', () => {
  let t: TestApp;
  let p: Parties;
  let caseId: string;
  let docId: string;

  const history = async (token: string) => (await t.api.get(`/api/v1/cases/${caseId}/history`, token)).body.entries as any[];
  const confidential = (entries: any[]) => entries.filter((e) => e.eventType === 'CONFIDENTIAL_NOTE');
  const note = (token: string, body: Record<string, unknown>) => t.api.event(caseId, { type: 'CONFIDENTIAL_NOTE', ...body }, token);
  const callerOf = async (userId: string): Promise<Caller> => ({ user: (await t.app.get(Store).read((r) => r.users.findById(userId)))! });

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const steps: Array<[Record<string, unknown>, string]> = [
      [{ type: 'ACKNOWLEDGE' }, p.council.token],
      [{ type: 'DECLARE_NEGOTIATION_FAILED', reason: 'No movement.' }, p.vcs.token],
      [{ type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token],
    ];
    for (const [event, token] of steps) expect((await t.api.event(caseId, event, token)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('is refused before the mediator has accepted, and offered to nobody', async () => {
    const early = await note(p.vcs.token, { to: 'mediator', note: 'too early' });
    expect([early.status, early.body.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
    expect((await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body.confidentialNoteTo).toEqual([]);
    expect((await t.api.event(caseId, { type: 'MEDIATOR_ACCEPT' }, p.mediator.token)).status).toBe(200);
  });

  it('is offered to each party towards the mediator, and to the mediator towards either party, and to nobody else', async () => {
    const offered = async (token: string) => (await t.api.get(`/api/v1/cases/${caseId}`, token)).body.confidentialNoteTo;
    expect(await offered(p.vcs.token)).toEqual(['mediator']);
    expect(await offered(p.council.token)).toEqual(['mediator']);
    expect(await offered(p.mediator.token)).toEqual(['claimant', 'respondent']);
    expect(await offered(p.board.token)).toEqual([]);
    expect(await offered(p.admin.token)).toEqual([]);
  });

  it('refuses a note between the parties, from the board or an administrator, and an empty one, and changes nothing', async () => {
    const before = (await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body.version;
    const sideways = await note(p.vcs.token, { to: 'respondent', note: 'hello' });
    expect([sideways.status, sideways.body.errors?.[0]?.field]).toEqual([400, 'to']);
    expect((await note(p.mediator.token, { to: 'mediator', note: 'self' })).status).toBe(400);
    expect((await note(p.board.token, { to: 'mediator', note: 'x' })).status).toBe(403);
    expect((await note(p.admin.token, { to: 'mediator', note: 'x' })).body.code).toBe('FORBIDDEN_EVENT');
    expect((await note(p.vcs.token, { to: 'mediator', note: ' ' })).status).toBe(400);
    expect((await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body.version).toBe(before);
  });

  it('records a note with a document from a party to the mediator, and one from the mediator to the other party, leaving the stage as it was', async () => {
    const bytes = fixture('meeting-minutes.docx');
    docId = (await upload(t.baseUrl, caseId, p.vcs.token, { name: 'our-position.docx', bytes })).body.id;
    const first = await note(p.vcs.token, { to: 'mediator', note: TO_MEDIATOR, documents: [docId] });
    expect(first.status).toBe(200);
    expect(first.body.statePath).toBe('mediation.inMediation');
    expect((await note(p.mediator.token, { to: 'respondent', note: TO_COUNCIL })).status).toBe(200);
  });

  it('shows each note’s content only to the two sides of its exchange, and to everyone else only that it took place and when', async () => {
    const seen = async (token: string) => confidential(await history(token)).map((e) => (e.withheld ? 'withheld' : e.payload.note));
    expect(await seen(p.vcs.token)).toEqual([TO_MEDIATOR, 'withheld']);
    expect(await seen(p.council.token)).toEqual(['withheld', TO_COUNCIL]);
    expect(await seen(p.mediator.token)).toEqual([TO_MEDIATOR, TO_COUNCIL]);
    expect(await seen(p.board.token)).toEqual(['withheld', 'withheld']);
    expect(await seen(p.admin.token)).toEqual(['withheld', 'withheld']);
    const [hidden] = confidential(await history(p.board.token));
    expect(hidden).toMatchObject({ eventType: 'CONFIDENTIAL_NOTE', payload: {}, withheld: true, format: 2, at: expect.any(String) });
    expect(JSON.stringify(await history(p.board.token))).not.toMatch(/SECRET|our-position/);
  });

  it('verifies for everyone, and lets a reader of a note check its payload against its digest', async () => {
    for (const token of [p.vcs.token, p.council.token, p.mediator.token, p.board.token]) {
      const verdict = (await t.api.get(`/api/v1/cases/${caseId}/history/verify`, token)).body;
      expect(verdict).toMatchObject({ valid: true, entries: 7 });
      expect(JSON.stringify(verdict).includes('our-position')).toBe(token === p.vcs.token || token === p.mediator.token);
    }
    const [mine] = confidential(await history(p.vcs.token));
    expect(createHash('sha256').update(canonicalJson(mine.payload)).digest('hex')).toBe(mine.payloadDigest);
    expect(payloadDigestOf(mine.payload)).toBe(mine.payloadDigest);
  });

  it('keeps a document sent in confidence to the two sides of that exchange, and out of open events', async () => {
    expect((await download(t.baseUrl, caseId, docId, p.mediator.token)).status).toBe(200);
    expect((await download(t.baseUrl, caseId, docId, p.vcs.token)).status).toBe(200);
    for (const token of [p.council.token, p.board.token, p.admin.token]) {
      expect((await download(t.baseUrl, caseId, docId, token)).status).toBe(404);
      const listed = (await t.api.get(`/api/v1/cases/${caseId}/documents`, token)).body;
      expect(listed.map((d: any) => d.id)).not.toContain(docId);
    }
    const open = await t.api.event(caseId, { type: 'ADD_NOTE', note: 'for everyone', documents: [docId] }, p.mediator.token);
    expect([open.status, open.body.errors?.[0]?.message]).toEqual([400, 'our-position.docx was shared in confidence with the mediator: it can be cited only in a confidential note']);
  });

  it('leaves no trace of the content in emails, the case export, the board’s export or its figures', async () => {
    await t.app.get(DispatchOutboxUseCase).runOnce();
    const mails = readdirSync(t.config.mailDir).map((f) => readFileSync(join(t.config.mailDir, f), 'utf8'));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.filter((m) => /SECRET|our-position/.test(m))).toEqual([]);
    const caseExport = await t.app.get(ExportCaseUseCase).execute(null, caseId);
    expect(JSON.stringify(caseExport)).not.toMatch(/SECRET|our-position/);
    expect(caseExport.verification.valid).toBe(true);
    expect(caseExport.history.filter((e) => e.withheld).length).toBe(2);
    const boardExport = await t.app.get(ExportCaseHistoriesUseCase).execute(await callerOf(p.board.userId));
    const exported = [];
    for await (const c of boardExport.cases) exported.push(c);
    expect(JSON.stringify(exported)).not.toMatch(/SECRET|our-position/);
    expect(exported.every((c) => c.verification.valid)).toBe(true);
    const figures = await t.api.get('/api/v1/board/statistics', p.board.token);
    expect(figures.status).toBe(200);
    expect(JSON.stringify(figures.body)).not.toMatch(/SECRET|our-position/);
  });
});

describe('a Compact file that lets administrators read confidential notes', () => {
  let t: TestApp;

  beforeAll(async () => {
    const compact = JSON.parse(readFileSync('compacts/southampton.json', 'utf8'));
    const file = join(mkdtempSync(join(tmpdir(), 'compact-file-')), 'compact.json');
    writeFileSync(file, JSON.stringify({ ...compact, confidentiality: { adminsSeeContent: true } }));
    t = await startTestApp({ env: { COMPACT_FILE: file } });
  });
  afterAll(() => t.close());

  it('shows administrators the content, and still not the board', async () => {
    const p = await seedParties(t.api);
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    for (const [event, token] of [
      [{ type: 'ACKNOWLEDGE' }, p.council.token],
      [{ type: 'DECLARE_NEGOTIATION_FAILED', reason: 'No movement.' }, p.vcs.token],
      [{ type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token],
      [{ type: 'MEDIATOR_ACCEPT' }, p.mediator.token],
      [{ type: 'CONFIDENTIAL_NOTE', to: 'mediator', note: TO_MEDIATOR }, p.council.token],
    ] as const) {
      expect((await t.api.event(id, event, token)).status).toBe(200);
    }
    const noteOf = async (token: string) => (await t.api.get(`/api/v1/cases/${id}/history`, token)).body.entries.at(-1);
    expect((await noteOf(p.admin.token)).payload.note).toBe(TO_MEDIATOR);
    expect(await noteOf(p.board.token)).toMatchObject({ withheld: true, payload: {} });
  });
});
