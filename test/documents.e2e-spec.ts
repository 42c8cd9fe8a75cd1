import { PurgePendingDocumentsUseCase } from '@compact/application';
import { connectDirectly, DirectConnection } from './support/audit-tamper';
import { download, fixture, sha256, upload } from './support/documents';
import { ManualClock } from './support/manual-clock';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Evidence documents over HTTP, with real multipart bodies of real files (test/fixtures/documents),
 * on a real database: what is accepted and refused (by content, not name), what is written (and
 * that a refusal writes nothing), who may see what, citing by events, the audit entry's sha256,
 * tampering found by verification, and pending documents removed after a day.
 */
describe('evidence documents', () => {
  let t: TestApp;
  let p: Parties;
  let sql: DirectConnection;
  const clock = new ManualClock(new Date());
  const counts = async () => {
    const [d] = await sql.run('SELECT COUNT(*) AS n FROM documents');
    const [c] = await sql.run('SELECT COUNT(*) AS n FROM case_documents');
    const [b] = await sql.run('SELECT COUNT(*) AS n FROM document_pieces');
    return { documents: Number(d.n), attachments: Number(c.n), pieces: Number(b.n) };
  };
  const raise = async () => (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id as string;
  const attach = (caseId: string, name: string, token = p.vcs.token, bytes = fixture(name)) => upload(t.baseUrl, caseId, token, { name, bytes });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    p = await seedParties(t.api);
    sql = await connectDirectly(t.db);
  });
  afterAll(async () => {
    await sql.close();
    await t.close();
  });

  it.each([
    ['grant-letter.pdf', 'application/pdf'],
    ['meeting-minutes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['site-photo.png', 'image/png'],
    ['funding-email.eml', 'message/rfc822'],
  ])('accepts %s as %s, judged from its content, and stores its bytes once', async (name, type) => {
    const caseId = await raise();
    const before = await counts();
    const bytes = fixture(name);
    const res = await upload(t.baseUrl, caseId, p.vcs.token, { name, bytes, clientType: 'text/html' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), sha256: sha256(bytes), name, size: bytes.length, contentType: type });
    expect(await counts()).toEqual({ documents: before.documents + 1, attachments: before.attachments + 1, pieces: before.pieces + 1 });
    const [stored] = await sql.run('SELECT content FROM document_pieces WHERE sha256 = $1', [sha256(bytes)]);
    expect(Buffer.from(stored.content).equals(bytes)).toBe(true);
  });

  it.each([
    ['an executable renamed .pdf', 'renamed-program.pdf', 'application/pdf'],
    ['an HTML page named .pdf', 'page-named.pdf', 'application/pdf'],
  ])('refuses %s (415 DOCUMENT_TYPE_NOT_ALLOWED) and writes nothing', async (_what, name, clientType) => {
    const caseId = await raise();
    const before = await counts();
    const res = await upload(t.baseUrl, caseId, p.vcs.token, { name, bytes: fixture(name), clientType });
    expect(res.status).toBe(415);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED', detail: expect.stringContaining(name) });
    expect(await counts()).toEqual(before);
  });

  it('refuses a 21 MB file (413 DOCUMENT_TOO_LARGE) and writes nothing', async () => {
    const caseId = await raise();
    const before = await counts();
    const big = Buffer.alloc(21 * 1024 * 1024, 'a');
    const res = await upload(t.baseUrl, caseId, p.vcs.token, { name: 'big.txt', bytes: big });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', detail: 'A document may be at most 20.0 MB; this one is larger' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a body that is not multipart, a form without the file, and an empty file, each with a clear 4xx', async () => {
    const caseId = await raise();
    const before = await counts();
    const json = await t.api.post(`/api/v1/cases/${caseId}/documents`, { file: 'x' }, p.vcs.token);
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const wrongField = await upload(t.baseUrl, caseId, p.vcs.token, { name: 'grant-letter.pdf', bytes: fixture('grant-letter.pdf') }, 'attachment');
    expect([wrongField.status, wrongField.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const empty = await upload(t.baseUrl, caseId, p.vcs.token, { name: 'empty.txt', bytes: Buffer.alloc(0) });
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await counts()).toEqual(before);
  });

  it('cleans the name of paths and invisible characters, and refuses a part header with a raw control character', async () => {
    const caseId = await raise();
    const res = await upload(t.baseUrl, caseId, p.vcs.token, { name: 'C:\\Users\\me\\..\\evil/../minutes\u202e.docx', bytes: fixture('meeting-minutes.docx') });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('minutes.docx');
    const raw = await upload(t.baseUrl, caseId, p.vcs.token, { name: 'bell\u0007.docx', bytes: fixture('meeting-minutes.docx') });
    expect(raw.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: '(body)', message: 'the multipart body could not be read' }] });
  });

  it('lets only those who may act on the case attach, and hides the case from anyone else', async () => {
    const caseId = await raise();
    const before = await counts();
    const pdf = 'grant-letter.pdf';
    expect((await attach(caseId, pdf, p.board.token)).body.code).toBe('FORBIDDEN');
    expect((await attach(caseId, pdf, p.vcs2.token)).status).toBe(404);
    expect((await attach(caseId, pdf, p.mediator.token)).status).toBe(404);
    expect((await attach('00000000-0000-4000-8000-000000000000', pdf)).status).toBe(404);
    expect((await upload(t.baseUrl, caseId, 'not-a-token', { name: pdf, bytes: fixture(pdf) })).status).toBe(401);
    expect(await counts()).toEqual(before);
    expect((await attach(caseId, pdf, p.council.token)).status).toBe(201);
  });

  it('keeps a pending document to the person who attached it until an event cites it; then the case’s readers see it, and its audit entry records its sha256', async () => {
    const caseId = await raise();
    const bytes = fixture('grant-letter.pdf');
    const doc = (await attach(caseId, 'grant-letter.pdf')).body;
    const list = async (token: string) => (await t.api.get(`/api/v1/cases/${caseId}/documents`, token)).body.map((d: any) => d.id);
    expect(await list(p.vcs.token)).toEqual([doc.id]);
    expect(await list(p.council.token)).toEqual([]);
    expect((await download(t.baseUrl, caseId, doc.id, p.council.token)).status).toBe(404);
    expect((await download(t.baseUrl, caseId, doc.id, p.board.token)).status).toBe(404);

    // Another person may not cite it while it is pending.
    const theirs = await t.api.event(caseId, { type: 'ADD_NOTE', note: 'see attached', documents: [doc.id] }, p.council.token);
    expect([theirs.status, theirs.body.errors?.[0]?.field]).toEqual([400, 'documents']);

    const noted = await t.api.event(caseId, { type: 'ADD_NOTE', note: 'The letter that ended the grant.', documents: [doc.id] }, p.vcs.token);
    expect(noted.status).toBe(200);
    const history = (await t.api.get(`/api/v1/cases/${caseId}/history`, p.board.token)).body.entries;
    const entry = history[history.length - 1];
    expect(entry.payload).toEqual({ note: 'The letter that ended the grant.', documents: [{ id: doc.id, sha256: sha256(bytes), name: 'grant-letter.pdf', size: bytes.length, contentType: 'application/pdf' }] });

    for (const token of [p.council.token, p.board.token, p.admin.token, p.vcs.token]) {
      const got = await download(t.baseUrl, caseId, doc.id, token);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(bytes)).toBe(true);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toBe('attachment; filename="grant-letter.pdf"');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await t.api.get(`/api/v1/cases/${caseId}/documents`, p.council.token)).body).toEqual([
      expect.objectContaining({ id: doc.id, citedSeq: entry.seq, attachedBy: { userId: p.vcs.userId, organisationId: p.orgs.vcs } }),
    ]);
    for (const token of [p.vcs2.token, p.mediator.token, p.council2.token]) {
      expect((await download(t.baseUrl, caseId, doc.id, token)).status).toBe(404);
      expect((await t.api.get(`/api/v1/cases/${caseId}/documents`, token)).status).toBe(404);
    }
    // Through another case the document is not there.
    const other = await raise();
    expect((await download(t.baseUrl, other, doc.id, p.vcs.token)).status).toBe(404);
    expect((await t.api.get(`/api/v1/cases/${caseId}/history/verify`, p.board.token)).body).toEqual({
      valid: true,
      entries: 2,
      documents: [{ seq: 2, id: doc.id, name: 'grant-letter.pdf', sha256: sha256(bytes), matches: true }],
    });
  });

  it('refuses an event citing a document of another case, an unknown id or one twice, and applies nothing', async () => {
    const caseId = await raise();
    const other = await raise();
    const foreign = (await attach(other, 'site-photo.png')).body.id;
    const own = (await attach(caseId, 'site-photo.png')).body.id;
    for (const documents of [[foreign], ['00000000-0000-4000-8000-000000000000'], [own, own], 'x', [42]]) {
      const res = await t.api.event(caseId, { type: 'ADD_NOTE', note: 'n', documents }, p.vcs.token);
      expect([res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'documents']);
    }
    expect((await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body.version).toBe(1);
  });

  it('stores the same bytes once however often they are attached', async () => {
    const a = await raise();
    const b = await raise();
    const before = await counts();
    const bytes = Buffer.from(`Minutes ${Date.now()}\r\n`);
    const first = (await upload(t.baseUrl, a, p.vcs.token, { name: 'minutes.txt', bytes })).body;
    const second = (await upload(t.baseUrl, b, p.vcs.token, { name: 'copy.txt', bytes })).body;
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    expect(await counts()).toEqual({ documents: before.documents + 1, attachments: before.attachments + 2, pieces: before.pieces + 1 });
  });

  it('names a document whose stored bytes were changed behind the service’s back', async () => {
    const caseId = await raise();
    const bytes = Buffer.from(`Consultation timetable ${caseId}\n`);
    const doc = (await upload(t.baseUrl, caseId, p.vcs.token, { name: 'timetable.txt', bytes })).body;
    await t.api.event(caseId, { type: 'ADD_NOTE', note: 'timetable', documents: [doc.id] }, p.vcs.token);
    const forged = Buffer.from(`Consultation timetable ${caseId}!\n`);
    await sql.run('UPDATE document_pieces SET content = $1 WHERE sha256 = $2', [forged, doc.sha256]);
    const verdict = (await t.api.get(`/api/v1/cases/${caseId}/history/verify`, p.board.token)).body;
    expect(verdict).toMatchObject({
      valid: false,
      brokenAt: 2,
      reason: expect.stringContaining(`document "timetable.txt" (${doc.id}) cited by entry 2 does not match`),
      documents: [{ seq: 2, id: doc.id, matches: false, problem: `its stored content now hashes to ${sha256(forged)}` }],
    });
  });

  it('removes a document no event cited a day after it was attached, and keeps cited ones', async () => {
    const caseId = await raise();
    const pending = (await upload(t.baseUrl, caseId, p.vcs.token, { name: 'draft.txt', bytes: Buffer.from(`draft ${caseId}\n`) })).body;
    const cited = (await upload(t.baseUrl, caseId, p.vcs.token, { name: 'final.txt', bytes: Buffer.from(`final ${caseId}\n`) })).body;
    await t.api.event(caseId, { type: 'ADD_NOTE', note: 'final', documents: [cited.id] }, p.vcs.token);
    const purge = t.app.get(PurgePendingDocumentsUseCase);
    clock.advance(23 * 3600_000);
    await purge.runOnce();
    expect((await download(t.baseUrl, caseId, pending.id, p.vcs.token)).status).toBe(200);
    clock.advance(2 * 3600_000);
    expect(await purge.runOnce()).toBeGreaterThanOrEqual(1);
    expect((await download(t.baseUrl, caseId, pending.id, p.vcs.token)).status).toBe(404);
    expect(await sql.run('SELECT sha256 FROM documents WHERE sha256 = $1', [pending.sha256])).toEqual([]);
    expect((await download(t.baseUrl, caseId, cited.id, p.council.token)).status).toBe(200);
  });
});

describe('document limits (configured small)', () => {
  let t: TestApp;
  let p: Parties;

  beforeAll(async () => {
    t = await startTestApp({ env: { DOCUMENT_MAX_MB: '1', CASE_DOCUMENTS_MAX_MB: '2', DOCUMENTS_PER_EVENT: '2' } });
    p = await seedParties(t.api);
  });
  afterAll(() => t.close());

  it('refuses a file that would take the case past its limit (413 CASE_DOCUMENTS_FULL), and an event citing more than the limit (400 TOO_MANY_DOCUMENTS)', async () => {
    const caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const piece = (n: number) => Buffer.alloc(700 * 1024, String(n));
    const ids = [];
    for (const n of [1, 2]) ids.push((await upload(t.baseUrl, caseId, p.vcs.token, { name: `part-${n}.txt`, bytes: piece(n) })).body.id);
    const third = await upload(t.baseUrl, caseId, p.vcs.token, { name: 'part-3.txt', bytes: piece(3) });
    expect(third.status).toBe(413);
    expect(third.body).toMatchObject({ code: 'CASE_DOCUMENTS_FULL', detail: 'A case may hold at most 2.0 MB of documents; this one holds 1.4 MB, and part-3.txt is 0.7 MB' });
    const small = (await upload(t.baseUrl, caseId, p.vcs.token, { name: 'note.txt', bytes: Buffer.from('short note\n') })).body.id;
    const tooMany = await t.api.event(caseId, { type: 'ADD_NOTE', note: 'all three', documents: [...ids, small] }, p.vcs.token);
    expect([tooMany.status, tooMany.body.code]).toEqual([400, 'TOO_MANY_DOCUMENTS']);
    expect((await t.api.event(caseId, { type: 'ADD_NOTE', note: 'two', documents: ids }, p.vcs.token)).status).toBe(200);
    const big = await upload(t.baseUrl, caseId, p.vcs.token, { name: 'big.txt', bytes: Buffer.alloc(1024 * 1024 + 1, 'b') });
    expect([big.status, big.body.code]).toEqual([413, 'DOCUMENT_TOO_LARGE']);
  });
});
