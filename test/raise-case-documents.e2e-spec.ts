import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachDocumentUseCase, Caller, ListCaseDocumentsUseCase, RaiseCaseInput, RaiseCaseUseCase, UploadedFile, VerifyCaseHistoryUseCase } from '@compact/application';
import { Store } from '@compact/domain';
import { connectDirectly, DirectConnection } from './support/audit-tamper';
import { fixture, FIXTURES, sha256 } from './support/documents';
import { ManualClock } from './support/manual-clock';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The medium tier for documents given with a new case and for several files attached at once:
 * the use cases themselves (no HTTP) on a real database. A case raised with files stores them in
 * its own transaction, cited by its first audit entry (seq 1); any refusal (a file's type, the
 * case's limit, too many files, the case's own fields) writes nothing at all. Several files are
 * attached all or none. Limits are set small: 1 MB a file and a case, 2 files an event.
 */
describe('documents given with a new case (RaiseCaseUseCase) and several at once (AttachDocumentUseCase)', () => {
  let t: TestApp;
  let p: Parties;
  let sql: DirectConnection;
  let scratch: string;
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { DOCUMENT_MAX_MB: '1', CASE_DOCUMENTS_MAX_MB: '1', DOCUMENTS_PER_EVENT: '2' } });
    p = await seedParties(t.api);
    sql = await connectDirectly(t.db);
    scratch = mkdtempSync(join(tmpdir(), 'compact-raise-documents-'));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await sql.close();
    await t.close();
  });

  const callerOf = async (userId: string): Promise<Caller> => ({ user: (await t.app.get(Store).read((r) => r.users.findById(userId)))! });
  const fixtureFile = (name: string): UploadedFile => ({ path: join(FIXTURES, name), originalName: name, size: statSync(join(FIXTURES, name)).size });
  const madeFile = (name: string, bytes: Buffer): UploadedFile => {
    const path = join(scratch, name);
    writeFileSync(path, bytes);
    return { path, originalName: name, size: bytes.length };
  };
  const counts = async () => {
    const count = async (table: string) => Number((await sql.run(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return { cases: await count('cases'), documents: await count('documents'), attachments: await count('case_documents'), entries: await count('audit_entries') };
  };
  const input = (extra: Record<string, unknown> = {}) => breachOf45(p, extra) as RaiseCaseInput;
  const raise = async (files: UploadedFile[], extra: Record<string, unknown> = {}) => t.app.get(RaiseCaseUseCase).execute(await callerOf(p.vcs.userId), input(extra), files);

  it('stores the files with the case in one transaction, cited by its first audit entry, and verifies them', async () => {
    const before = await counts();
    const created = await raise([fixtureFile('grant-letter.pdf'), fixtureFile('funding-email.eml')]);
    const vcs = await callerOf(p.vcs.userId);
    // The order the files were given in is the order the entry cites them (the list's order is by time, the same for both).
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const documents = (await t.app.get(ListCaseDocumentsUseCase).execute(await callerOf(p.council.userId), created.id)).sort(byName);
    expect(documents.map((d) => [d.name, d.contentType, d.citedSeq, d.attachedBy])).toEqual([
      ['funding-email.eml', 'message/rfc822', 1, { userId: p.vcs.userId, organisationId: p.orgs.vcs }],
      ['grant-letter.pdf', 'application/pdf', 1, { userId: p.vcs.userId, organisationId: p.orgs.vcs }],
    ]);
    const [raised] = await t.app.get(Store).read((r) => r.audit.listByCase(created.id));
    expect(raised.eventType).toBe('CASE_RAISED');
    const cited = raised.payload.documents as Array<{ name: string }>;
    expect(cited.map((d) => d.name)).toEqual(['grant-letter.pdf', 'funding-email.eml']);
    expect([...cited].sort(byName)).toEqual(
      documents.map((d) => ({ id: d.id, sha256: d.sha256, name: d.name, size: d.size, contentType: d.contentType })),
    );
    expect(documents.map((d) => d.sha256)).toEqual([sha256(fixture('funding-email.eml')), sha256(fixture('grant-letter.pdf'))]);
    expect(await counts()).toEqual({ cases: before.cases + 1, documents: before.documents + 2, attachments: before.attachments + 2, entries: before.entries + 1 });
    const verification = await t.app.get(VerifyCaseHistoryUseCase).execute(vcs, created.id);
    expect(verification).toMatchObject({ valid: true, entries: 1 });
    expect(verification.documents.map((d) => [d.seq, d.name, d.matches])).toEqual([
      [1, 'grant-letter.pdf', true],
      [1, 'funding-email.eml', true],
    ]);
  });

  it('raises a case without files exactly as before: no documents in its first entry', async () => {
    const created = await raise([]);
    const [raised] = await t.app.get(Store).read((r) => r.audit.listByCase(created.id));
    expect(raised.payload).not.toHaveProperty('documents');
  });

  it.each([
    ['a file of a type not accepted', () => [fixtureFile('grant-letter.pdf'), fixtureFile('page-named.pdf')], {}, 'DOCUMENT_TYPE_NOT_ALLOWED'],
    ['an empty file', () => [madeFile('empty.txt', Buffer.alloc(0))], {}, 'VALIDATION_FAILED'],
    ['a file past the size limit', () => [madeFile('big.txt', Buffer.alloc(1024 * 1024 + 1, 'b'))], {}, 'DOCUMENT_TOO_LARGE'],
    ['more files than an event may cite', () => ['a', 'b', 'c'].map((n) => madeFile(`${n}.txt`, Buffer.from(`${n}\n`))), {}, 'TOO_MANY_DOCUMENTS'],
    ['files that together pass the case’s limit', () => [1, 2].map((n) => madeFile(`part-${n}.txt`, Buffer.alloc(600 * 1024, String(n)))), {}, 'CASE_DOCUMENTS_FULL'],
    ['a good file with a field the case refuses', () => [fixtureFile('site-photo.png')], { becameAwareOn: '2099-01-01' }, 'VALIDATION_FAILED'],
  ])('refuses %s and writes nothing at all', async (_what, files, extra, code) => {
    const before = await counts();
    await expect(raise(files(), extra)).rejects.toMatchObject({ code });
    expect(await counts()).toEqual(before);
  });

  it('names the file it refuses', async () => {
    await expect(raise([fixtureFile('page-named.pdf')])).rejects.toMatchObject({
      message: 'page-named.pdf must be a PDF, Word, Excel, OpenDocument, text, CSV, PNG, JPEG or email (.eml) file',
    });
    await expect(raise([madeFile('big.txt', Buffer.alloc(1024 * 1024 + 1, 'b'))])).rejects.toMatchObject({
      message: 'big.txt is larger than 1.0 MB: a document may be at most that',
    });
  });

  it('attaches several files all or none, pending for the person who attached them', async () => {
    const created = await raise([]);
    const vcs = await callerOf(p.vcs.userId);
    const attach = t.app.get(AttachDocumentUseCase);
    const before = await counts();
    await expect(attach.executeAll(vcs, created.id, [fixtureFile('meeting-minutes.docx'), fixtureFile('renamed-program.pdf')])).rejects.toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    await expect(attach.executeAll(vcs, created.id, [1, 2].map((n) => madeFile(`half-${n}.txt`, Buffer.alloc(600 * 1024, String(n)))))).rejects.toMatchObject({ code: 'CASE_DOCUMENTS_FULL' });
    expect(await counts()).toEqual(before);
    const attached = await attach.executeAll(vcs, created.id, [fixtureFile('meeting-minutes.docx'), fixtureFile('site-photo.png')]);
    expect(attached.map((d) => d.name)).toEqual(['meeting-minutes.docx', 'site-photo.png']);
    const listed = await t.app.get(ListCaseDocumentsUseCase).execute(vcs, created.id);
    expect(listed.map((d) => [d.name, d.citedSeq]).sort()).toEqual([
      ['meeting-minutes.docx', null],
      ['site-photo.png', null],
    ]);
    expect(await t.app.get(ListCaseDocumentsUseCase).execute(await callerOf(p.council.userId), created.id)).toEqual([]);
  });
});
