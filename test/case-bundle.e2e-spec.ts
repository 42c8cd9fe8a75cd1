import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCompact } from '@compact/application';
import { fixture, sha256, upload } from './support/documents';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { unzip, zipFiles } from './support/zip-files';

jest.setTimeout(60_000);

const SECRET = 'SECRET-FOR-THE-MEDIATOR-ONLY';

/** What `node scripts/verify-bundle.js` says of a zip, with no database. */
function verifyBundle(file: string): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, ['scripts/verify-bundle.js', file], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: run.status, out: run.stdout + run.stderr };
}

/**
 * The bundle of a case that went to the ombudsman, downloaded over HTTP, unzipped with a real zip
 * reader, its PDF read back by poppler's pdftotext, and its chain verified from history.json alone
 * by the checker the README gives the body receiving it.
 */
describe('the case bundle', () => {
  let t: TestApp;
  let p: Parties;
  let caseId: string;
  let reference: string;
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  const zipPath = join(dir, 'bundle.zip');
  let files: Map<string, Buffer>;
  const letter = fixture('grant-letter.pdf');

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    const raised = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body;
    caseId = raised.id;
    reference = raised.reference;
    const doc = (await upload(t.baseUrl, caseId, p.vcs.token, { name: 'grant-letter.pdf', bytes: letter })).body.id;
    const secretDoc = (await upload(t.baseUrl, caseId, p.council.token, { name: 'our-limits.docx', bytes: fixture('meeting-minutes.docx') })).body.id;
    const steps: Array<[Record<string, unknown>, string]> = [
      [{ type: 'ADD_NOTE', note: 'The letter that ended our grant.', documents: [doc] }, p.vcs.token],
      [{ type: 'ACKNOWLEDGE' }, p.council.token],
      [{ type: 'DECLARE_NEGOTIATION_FAILED', reason: 'No movement.' }, p.vcs.token],
      [{ type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token],
      [{ type: 'MEDIATOR_ACCEPT' }, p.mediator.token],
      [{ type: 'CONFIDENTIAL_NOTE', to: 'mediator', note: SECRET, documents: [secretDoc] }, p.council.token],
      [{ type: 'MEDIATION_FAILED', reason: 'Positions too far apart.' }, p.mediator.token],
      [{ type: 'ESCALATE_FORMAL', route: 'ombudsman', body: 'Local Government and Social Care Ombudsman', reference: 'LG-2026-77' }, p.vcs.token],
    ];
    for (const [event, token] of steps) expect([event.type, (await t.api.event(caseId, event, token)).status]).toEqual([event.type, 200]);
    const res = await fetch(`${t.baseUrl}/api/v1/cases/${caseId}/bundle`, { headers: { authorization: `Bearer ${p.board.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${reference}-bundle.zip"`);
    writeFileSync(zipPath, Buffer.from(await res.arrayBuffer()));
    files = await unzip(zipPath);
  });
  afterAll(() => t.close());

  it('holds the PDF, the documents in chronology order, the trail and how to check it, and no document shared in confidence', () => {
    expect([...files.keys()]).toEqual(['bundle.pdf', 'documents/01-grant-letter.pdf', 'history.json', 'verification.json']);
    expect(files.get('documents/01-grant-letter.pdf')!.equals(letter)).toBe(true);
    const verification = JSON.parse(files.get('verification.json')!.toString());
    expect(verification.documents).toEqual([{ path: 'documents/01-grant-letter.pdf', sha256: sha256(letter), size: letter.length, citedBySeq: 2 }]);
    expect(verification.howToCheck.formats['2']).toMatch(/payloadDigest = sha256\(canonical JSON of payload\)/);
  });

  it('has a PDF whose text holds the cover, the undertaking in full, the chronology, the route and the head hash, and nothing confidential', () => {
    const pdf = join(dir, 'bundle.pdf');
    writeFileSync(pdf, files.get('bundle.pdf')!);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    const head = JSON.parse(files.get('verification.json')!.toString()).head.hash as string;
    const undertaking = loadCompact('compacts/southampton.json').find('4.5')!.text;
    expect(flat).toContain(`${reference}: case bundle`);
    expect(flat).toContain('Raised by: Hope Community Trust');
    expect(flat).toContain('Against: Southampton City Council');
    expect(flat).toContain(`4.5. ${undertaking.replace(/\s+/g, ' ').slice(0, 80)}`);
    expect(flat).toContain('Route: the relevant ombudsman: Local Government and Social Care Ombudsman (their reference LG-2026-77)');
    expect(flat).toContain('Chronology');
    expect(flat).toContain('Raised the case');
    expect(flat).toContain('Documents: documents/01-grant-letter.pdf');
    expect(flat).toContain('Sent a confidential note in mediation (between the mediator and one party)');
    expect(flat).toContain('Confidential content is left out. 1 confidential exchange(s)');
    expect(text.replace(/\s+/g, '')).toContain(head);
    expect(flat).not.toMatch(/SECRET|our-limits/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(text.split('\f').filter((page) => page.trim() !== '').length).toBe(pages);
    for (const page of text.split('\f').filter((page) => page.trim() !== '')) expect(page).toContain(reference);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  });

  it('leaves the confidential note out of history.json, whose chain still verifies with the checker alone', () => {
    const history = files.get('history.json')!.toString();
    expect(history).not.toMatch(/SECRET|our-limits/);
    expect(JSON.parse(history).entries.filter((e: any) => e.withheld)).toHaveLength(1);
    const verdict = verifyBundle(zipPath);
    expect(verdict).toEqual({ status: 0, out: expect.stringContaining('Verified: the chain holds from entry 1 to the head') });
    expect(verdict.out).toContain('9 audit entries (1 confidential, content left out), 1 document(s)');
  });

  it('names what was changed in a forged bundle: a payload, a document, an entry taken out', async () => {
    const forge = async (name: string, change: (f: Map<string, Buffer>) => void) => {
      const copy = new Map(files);
      change(copy);
      const file = join(dir, `${name}.zip`);
      await zipFiles(copy, file);
      return verifyBundle(file);
    };
    const history = () => JSON.parse(files.get('history.json')!.toString());
    const payload = await forge('payload', (f) => {
      const h = history();
      h.entries[1].payload.note = 'A different letter.';
      f.set('history.json', Buffer.from(JSON.stringify(h)));
    });
    expect(payload).toEqual({ status: 1, out: expect.stringContaining('NOT VERIFIED: entry 2: the payload does not match its digest') });
    const document = await forge('document', (f) => f.set('documents/01-grant-letter.pdf', Buffer.from('%PDF-1.4 forged')));
    expect(document.status).toBe(1);
    expect(document.out).toContain('NOT VERIFIED: documents/01-grant-letter.pdf: its bytes hash to');
    const cut = await forge('cut', (f) => {
      const h = history();
      h.entries.pop();
      f.set('history.json', Buffer.from(JSON.stringify(h)));
    });
    expect(cut.out).toContain('NOT VERIFIED: the trail ends at entry 8');
    expect(verifyBundle(join(dir, 'missing.zip')).status).toBe(2);
  });

  it('is for those who may see the case only', async () => {
    for (const token of [p.vcs.token, p.council.token, p.mediator.token, p.admin.token]) {
      const res = await fetch(`${t.baseUrl}/api/v1/cases/${caseId}/bundle`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    expect((await t.api.get(`/api/v1/cases/${caseId}/bundle`, p.vcs2.token)).status).toBe(404);
    expect((await t.api.get(`/api/v1/cases/${caseId}/bundle`)).status).toBe(401);
  });
});
