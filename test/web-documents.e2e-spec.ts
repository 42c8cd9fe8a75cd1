import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';
import { PAGE_UPLOAD_PREFIX } from '../apps/server/src/web/page-uploads';
import { PageChecker } from './support/browser';
import { answerJourney, BREACH_OF_45 } from './support/raise-journey';
import { fixture, FIXTURES, sha256, upload } from './support/documents';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { actionForm, bannerText } from './support/web-case-page';
import { expectErrorSummary, submit } from './support/web-forms';
import { WebHarness } from './support/web-harness';
import { csrfTokenOf, sessionCookie, signIn } from './support/web-sign-in';

jest.setTimeout(120_000);

const MB = 1024 * 1024;
const REFUSED_TYPE = 'page-named.pdf must be a PDF, Word, Excel, OpenDocument, text, CSV, PNG, JPEG or email (.eml) file';

/*
 * Evidence documents in the pages, in a browser without JavaScript: a case raised with a
 * document, events sent with documents from the case page's forms, the case's documents listed
 * (name, type and size, who attached them and when) and downloaded from the page, each history
 * entry listing what it cites. Refused files (a type not accepted, too large, too many, the case
 * full) show the GOV.UK error summary on the form with what was typed, and nothing is sent. The
 * forms' token still guards a multipart form, before any file is written; the temporary files go
 * when the answer is sent. Limits are set small (1 MB a file, 3 MB a case, 3 files an event).
 */
describe('web: evidence documents in the pages', () => {
  const h = new WebHarness('documents', { DOCUMENT_MAX_MB: '1', CASE_DOCUMENTS_MAX_MB: '3', DOCUMENTS_PER_EVENT: '3' });
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;
  let council: Page;
  let outsider: Page;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    [vcs, council, outsider] = [await h.page(false), await h.page(false), await h.page(false)];
    await signIn(vcs, h.receiver, 'user1@example.org', t.baseUrl, checker, 'documents-vcs-sign-in');
    await signIn(council, h.receiver, 'user3@example.org', t.baseUrl, checker, 'documents-council-sign-in');
    await signIn(outsider, h.receiver, 'user2@example.org', t.baseUrl, checker, 'documents-outsider-sign-in');
  });
  afterAll(() => h.stop());

  const raise = async (title = 'Funding ended without notice') => (await t.api.post('/api/v1/cases', breachOf45(p, { title }), p.vcs.token)).body.id as string;
  const entries = async (caseId: string) =>
    (await t.api.get(`/api/v1/cases/${caseId}/history`, p.vcs.token)).body.entries as Array<{ seq: number; eventType: string; payload: Record<string, any> }>;
  /** Every document the VCS user may see on the case, pending ones included. */
  const listed = async (caseId: string) => (await t.api.get(`/api/v1/cases/${caseId}/documents`, p.vcs.token)).body as Array<{ id: string; name: string; citedSeq: number | null }>;
  const openCase = async (page: Page, caseId: string) => {
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  };
  /** The rows of the case page's documents table: name, what it is, by whom. */
  const documentsTable = async (page: Page) =>
    Promise.all(
      (await page.locator('table:has(caption:text("Documents that are part of the case")) tbody tr').all()).map(async (row) => {
        const [document, by] = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
        const [name, about] = document.split('\n').map((s) => s.trim());
        return { name, about, by };
      }),
    );
  /** The names of the documents the newest history entry lists. */
  const newestEntryDocuments = async (page: Page) => (await page.locator('.moj-timeline__item').first().locator('.app-cited-documents a').allInnerTexts()).map((s) => s.trim());
  /** Follows a download link and answers the bytes the browser saved. */
  const downloaded = async (page: Page, link: Locator) => {
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };
  /** The pages' temporary upload files are gone once the answer is sent (they are deleted when it ends). */
  const expectNoTemporaryFiles = async () => {
    const left = () => readdirSync(tmpdir()).filter((f) => f.startsWith(PAGE_UPLOAD_PREFIX));
    for (let i = 0; i < 60 && left().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(left()).toEqual([]);
  };
  const sendNote = async (page: Page, note: string, files: Parameters<Page['setInputFiles']>[1] = []) => {
    const form = actionForm(page, 'ADD_NOTE');
    if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
    await form.locator('[name="note"]').fill(note);
    await form.getByLabel('Attach documents (optional)').setInputFiles(files);
    return submit(page, form.locator('#submit-add_note'));
  };

  it('raises a case with a document: stored with the case, listed on its page and cited by the first entry of its history', async () => {
    await answerJourney(vcs, { ...BREACH_OF_45, title: 'Grant ended by letter', summary: 'The letter attached ended our grant with two weeks notice.' });
    // The files are chosen on check your answers and sent with the answers when the case is raised.
    expect(await vcs.locator('form[action="/cases/new"]').getAttribute('enctype')).toBe('multipart/form-data');
    expect(await vcs.locator('#documents-hint').innerText()).toBe('You can attach up to 3 files, each up to 1 MB: PDF, Word, Excel, OpenDocument, text, CSV, PNG, JPEG or email (.eml).');
    await checker.check(vcs, 'documents-raise-form');
    await vcs.getByLabel('Attach documents (optional)').setInputFiles(join(FIXTURES, 'grant-letter.pdf'));
    await Promise.all([vcs.waitForURL(/\/cases\/new\/raised\/[0-9a-f-]{36}$/), vcs.getByRole('button', { name: 'Raise the case' }).click()]);
    const caseId = /\/cases\/new\/raised\/([0-9a-f-]{36})/.exec(vcs.url())![1];
    await vcs.goto(`/cases/${caseId}`);
    await checker.check(vcs, 'documents-raised');

    const bytes = fixture('grant-letter.pdf');
    const [raised] = await entries(caseId);
    const [doc] = await listed(caseId);
    expect(raised.payload.documents).toEqual([{ id: doc.id, sha256: sha256(bytes), name: 'grant-letter.pdf', size: bytes.length, contentType: 'application/pdf' }]);
    expect(doc.citedSeq).toBe(1);
    expect(await documentsTable(vcs)).toEqual([{ name: 'grant-letter.pdf', about: 'PDF, 1 KB', by: 'User 1 (Hope Community Trust)' }]);
    expect(await newestEntryDocuments(vcs)).toEqual(['grant-letter.pdf']);
    // The list is no raw field: the history shows no JSON and no [object Object].
    expect(await vcs.locator('.moj-timeline').innerText()).not.toMatch(/object Object|sha256|\{"/);

    const got = await downloaded(vcs, vcs.locator('#documents ~ table').getByRole('link', { name: 'grant-letter.pdf' }));
    expect(got.name).toBe('grant-letter.pdf');
    expect(got.bytes.equals(bytes)).toBe(true);
    // The respondent reads it too.
    await openCase(council, caseId);
    expect(await documentsTable(council)).toEqual([{ name: 'grant-letter.pdf', about: 'PDF, 1 KB', by: 'User 1 (Hope Community Trust)' }]);
    expect((await downloaded(council, council.locator('.app-cited-documents').getByRole('link', { name: 'grant-letter.pdf' }))).bytes.equals(bytes)).toBe(true);
    await expectNoTemporaryFiles();
  });

  it('keeps what was typed when the raise form refuses a file, and raises nothing', async () => {
    const before = (await t.api.get('/api/v1/cases?limit=100', p.vcs.token)).body.items.length;
    await answerJourney(vcs, { ...BREACH_OF_45, title: 'A page posing as a PDF', summary: 'See the attached.' });
    await vcs.getByLabel('Attach documents (optional)').setInputFiles(join(FIXTURES, 'page-named.pdf'));
    const response = await submit(vcs, vcs.getByRole('button', { name: 'Raise the case' }));
    await expectErrorSummary(vcs, response, [{ text: REFUSED_TYPE, href: '#documents' }]);
    // Every answer is kept: still on check your answers, ready to raise once the file is left out.
    expect(await vcs.locator('#answers').innerText()).toMatch(/Title\s+A page posing as a PDF/);
    expect(await vcs.locator('#documents-hint').innerText()).toMatch(/^The files you chose were not saved: choose them again\. You can attach/);
    await checker.check(vcs, 'documents-raise-refused');
    expect((await t.api.get('/api/v1/cases?limit=100', p.vcs.token)).body.items.length).toBe(before);
    await expectNoTemporaryFiles();
  });

  it('sends a note with two documents from the case page; the page lists them, and the note’s history entry lists them under it', async () => {
    const caseId = await raise('Two documents with a note');
    await openCase(vcs, caseId);
    expect(await actionForm(vcs, 'ADD_NOTE').locator('form').getAttribute('enctype')).toBe('multipart/form-data');
    expect(await vcs.locator('#documents ~ p').first().innerText()).toBe('No documents are part of this case yet.');
    const response = await sendNote(vcs, 'The minutes and a photo of the closed site.', [join(FIXTURES, 'meeting-minutes.docx'), join(FIXTURES, 'site-photo.png')]);
    expect(response?.status()).toBe(200);
    expect(await bannerText(vcs)).toContain('Done: Add a note');
    await checker.check(vcs, 'documents-note-sent');

    const note = (await entries(caseId)).at(-1)!;
    expect(note.eventType).toBe('ADD_NOTE');
    expect(note.payload.note).toBe('The minutes and a photo of the closed site.');
    expect(note.payload.documents.map((d: { name: string; sha256: string }) => [d.name, d.sha256])).toEqual([
      ['meeting-minutes.docx', sha256(fixture('meeting-minutes.docx'))],
      ['site-photo.png', sha256(fixture('site-photo.png'))],
    ]);
    expect(await documentsTable(vcs)).toEqual([
      { name: 'meeting-minutes.docx', about: 'Word document, 972 bytes', by: 'User 1 (Hope Community Trust)' },
      { name: 'site-photo.png', about: 'PNG image, 74 bytes', by: 'User 1 (Hope Community Trust)' },
    ]);
    expect(await newestEntryDocuments(vcs)).toEqual(['meeting-minutes.docx', 'site-photo.png']);
    const got = await downloaded(vcs, vcs.locator('.app-cited-documents').getByRole('link', { name: 'site-photo.png' }));
    expect(got.bytes.equals(fixture('site-photo.png'))).toBe(true);
    // The print-friendly history names them, as text.
    await vcs.goto(`/cases/${caseId}/print`);
    expect(await vcs.locator('table').innerText()).toContain('Document: meeting-minutes.docx (Word document, 972 bytes)');
    await expectNoTemporaryFiles();
  });

  it('refuses a file of a type not accepted: the error summary on the form, the note kept, nothing sent and nothing stored', async () => {
    const caseId = await raise('A refused file');
    await openCase(vcs, caseId);
    const response = await sendNote(vcs, 'The page they sent us.', join(FIXTURES, 'page-named.pdf'));
    await expectErrorSummary(vcs, response, [{ text: REFUSED_TYPE, href: '#add_note-documents' }]);
    expect(await actionForm(vcs, 'ADD_NOTE').getAttribute('open')).not.toBeNull();
    expect(await actionForm(vcs, 'ADD_NOTE').locator('[name="note"]').inputValue()).toBe('The page they sent us.');
    await checker.check(vcs, 'documents-type-refused');
    expect((await entries(caseId)).map((e) => e.eventType)).toEqual(['CASE_RAISED']);
    expect(await listed(caseId)).toEqual([]);
    await expectNoTemporaryFiles();
  });

  it('keeps the documents attached for a form the event refused, ticked, and sends them with it the next time', async () => {
    const caseId = await raise('A note forgotten');
    await openCase(vcs, caseId);
    const response = await sendNote(vcs, '', join(FIXTURES, 'funding-email.eml'));
    await expectErrorSummary(vcs, response, [{ text: /^Note /, href: '#add_note-note' }]);
    const kept = actionForm(vcs, 'ADD_NOTE').getByRole('checkbox', { name: 'funding-email.eml (Email, 232 bytes)' });
    expect(await kept.isChecked()).toBe(true);
    await checker.check(vcs, 'documents-kept');
    expect((await entries(caseId)).map((e) => e.eventType)).toEqual(['CASE_RAISED']);

    expect((await sendNote(vcs, 'The email that ended the grant.'))?.status()).toBe(200);
    const note = (await entries(caseId)).at(-1)!;
    expect(note.payload.documents.map((d: { name: string }) => d.name)).toEqual(['funding-email.eml']);
    expect((await listed(caseId)).map((d) => [d.name, d.citedSeq])).toEqual([['funding-email.eml', note.seq]]);
  });

  it('refuses more files than an event may cite, a file too large and a file that would overfill the case, each on the form', async () => {
    const caseId = await raise('Limits');
    await openCase(vcs, caseId);
    const text = (name: string, bytes: number) => ({ name, mimeType: 'text/plain', buffer: Buffer.alloc(bytes, 'a') });
    const files = ['grant-letter.pdf', 'meeting-minutes.docx', 'site-photo.png', 'funding-email.eml'].map((f) => join(FIXTURES, f));
    await expectErrorSummary(vcs, await sendNote(vcs, 'Four files', files), [{ text: 'An event may cite at most 3 documents; more were sent', href: '#add_note-documents' }]);
    await expectErrorSummary(vcs, await sendNote(vcs, 'A large file', text('big.txt', MB + 1)), [{ text: 'big.txt is larger than 1.0 MB: a document may be at most that', href: '#add_note-documents' }]);
    expect(await actionForm(vcs, 'ADD_NOTE').locator('[name="note"]').inputValue()).toBe('A large file');
    await checker.check(vcs, 'documents-too-large');

    // Fill the case close to its 3 MB (through the API), then one more file from the page.
    const parts = [];
    for (const n of [1, 2, 3]) parts.push((await upload(t.baseUrl, caseId, p.vcs.token, { name: `part-${n}.txt`, bytes: Buffer.alloc(Math.round(0.96 * MB), String(n)) })).body.id);
    expect((await t.api.event(caseId, { type: 'ADD_NOTE', note: 'Three parts', documents: parts }, p.vcs.token)).status).toBe(200);
    await openCase(vcs, caseId);
    await expectErrorSummary(vcs, await sendNote(vcs, 'One too many', text('more.txt', 0.5 * MB)), [
      { text: 'A case may hold at most 3.0 MB of documents; this one holds 2.9 MB, and more.txt is 0.5 MB', href: '#add_note-documents' },
    ]);
    expect((await entries(caseId)).map((e) => e.payload.note ?? e.eventType)).toEqual(['CASE_RAISED', 'Three parts']);
    expect((await listed(caseId)).map((d) => d.name).sort()).toEqual(['part-1.txt', 'part-2.txt', 'part-3.txt']);
    await expectNoTemporaryFiles();
  });

  it('lists the documents of an act that ends the case on its confirmation page, and cites them once the person says yes', async () => {
    const caseId = await raise('Withdrawn with a letter');
    await openCase(vcs, caseId);
    const form = actionForm(vcs, 'WITHDRAW');
    await form.locator('summary').click();
    await form.locator('[name="reason"]').fill('Resolved: see the letter.');
    await form.getByLabel('Attach documents (optional)').setInputFiles(join(FIXTURES, 'grant-letter.pdf'));
    await submit(vcs, form.locator('#submit-withdraw'));
    expect(await vcs.getByRole('heading', { level: 1 }).innerText()).toBe('Are you sure you want to withdraw the case?');
    expect(await vcs.locator('.govuk-summary-list').innerText()).toMatch(/Document\s+grant-letter\.pdf \(PDF, 1 KB\)/);
    await checker.check(vcs, 'documents-confirm-ending');
    expect((await entries(caseId)).map((e) => e.eventType)).toEqual(['CASE_RAISED']);

    await submit(vcs, vcs.locator('#confirm-ending'));
    expect(await bannerText(vcs)).toContain('Done: Withdraw the case');
    const withdrawn = (await entries(caseId)).at(-1)!;
    expect(withdrawn.eventType).toBe('WITHDRAW');
    expect(withdrawn.payload).toMatchObject({ reason: 'Resolved: see the letter.', documents: [expect.objectContaining({ name: 'grant-letter.pdf' })] });
    expect((await documentsTable(vcs)).map((d) => d.name)).toEqual(['grant-letter.pdf']);
  });

  it('answers the 404 page for a document of a case the person may not see, an unknown one, or one of another case', async () => {
    const caseId = await raise('Not for outsiders');
    const doc = (await upload(t.baseUrl, caseId, p.vcs.token, { name: 'minutes.docx', bytes: fixture('meeting-minutes.docx') })).body.id as string;
    expect((await t.api.event(caseId, { type: 'ADD_NOTE', note: 'Minutes', documents: [doc] }, p.vcs.token)).status).toBe(200);
    const other = await raise('Another case');
    for (const [page, path] of [
      [outsider, `/cases/${caseId}/documents/${doc}`],
      [vcs, `/cases/${caseId}/documents/00000000-0000-4000-8000-000000000000`],
      [vcs, `/cases/${other}/documents/${doc}`],
      [vcs, `/cases/${caseId}/documents/not-an-id`],
    ] as Array<[Page, string]>) {
      const response = await page.goto(path);
      expect([path, response?.status()]).toEqual([path, 404]);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
    }
    await checker.check(outsider, 'documents-not-found');
  });

  it('refuses a multipart form without the right token, before any file is written', async () => {
    const caseId = await raise('Forged forms');
    await openCase(vcs, caseId);
    const token = await csrfTokenOf(vcs);
    const cookie = (await sessionCookie(vcs.context()))!;
    const post = async (fields: Array<[string, string | Blob, string?]>) => {
      const form = new FormData();
      for (const [name, value, fileName] of fields) {
        if (typeof value === 'string') form.append(name, value);
        else form.append(name, value, fileName);
      }
      const res = await fetch(`${t.baseUrl}/cases/${caseId}/events`, { method: 'POST', headers: { cookie: `${cookie.name}=${cookie.value}` }, body: form, redirect: 'manual' });
      return { status: res.status, text: await res.text() };
    };
    const file = (): [string, Blob, string] => ['documents', new Blob([fixture('grant-letter.pdf')], { type: 'application/pdf' }), 'grant-letter.pdf'];
    const note = (text: string): Array<[string, string]> => [['type', 'ADD_NOTE'], ['note', text]];

    for (const fields of [
      [['_csrf', 'not-the-token'] as [string, string], ...note('forged'), file()],
      [...note('no token'), file()],
      // The token after the file comes too late: the file is refused unread.
      [...note('token last'), file(), ['_csrf', token] as [string, string]],
      [['_csrf', 'not-the-token'] as [string, string], ...note('forged, no file')],
    ]) {
      const res = await post(fields);
      expect(res.status).toBe(403);
      expect(res.text).toContain('The form has expired or did not come from this service');
    }
    expect((await entries(caseId)).map((e) => e.eventType)).toEqual(['CASE_RAISED']);
    expect(await listed(caseId)).toEqual([]);

    // With the token first, as the page's own forms send it, the same form is taken.
    expect((await post([['_csrf', token], ...note('with the token'), file()])).status).toBe(303);
    expect((await entries(caseId)).at(-1)!.payload).toMatchObject({ note: 'with the token', documents: [expect.objectContaining({ name: 'grant-letter.pdf' })] });
    await expectNoTemporaryFiles();
  });

  it('sends a form without a file exactly as before', async () => {
    const caseId = await raise('Just a note');
    await openCase(vcs, caseId);
    expect((await sendNote(vcs, 'Nothing attached.'))?.status()).toBe(200);
    expect((await entries(caseId)).at(-1)!.payload).toEqual({ note: 'Nothing attached.' });
    expect(await listed(caseId)).toEqual([]);
  });
});
