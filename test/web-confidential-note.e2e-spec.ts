import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { FIXTURES } from './support/documents';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { actionForm } from './support/web-case-page';
import { expectErrorSummary, submit } from './support/web-forms';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';
import { unzip } from './support/zip-files';

jest.setTimeout(120_000);

const TO_MEDIATOR = 'Between us: the trust could accept a phased reduction over six months.';
const TO_COUNCIL = 'In confidence: the trust would settle for a phased cut.';

/*
 * Confidential mediation in the pages, without JavaScript: while the mediator is mediating, each
 * party has a form to write to the mediator in confidence (with documents), and the mediator one
 * to write to either party. The two sides of an exchange read its content on the case page; the
 * other party and the board see only that a confidential note was sent, and when. The case page
 * offers the case bundle, which leaves the notes out.
 */
describe('web: confidential notes in mediation', () => {
  const h = new WebHarness('confidential');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;
  let council: Page;
  let mediator: Page;
  let board: Page;
  let caseId: string;

  const openCase = async (page: Page) => {
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  };
  const newestEntry = (page: Page) => page.locator('.moj-timeline__item').first();

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    [vcs, council, mediator, board] = [await h.page(false), await h.page(false), await h.page(false), await h.page(false)];
    await signIn(vcs, h.receiver, 'user1@example.org', t.baseUrl, checker, 'confidential-vcs-sign-in');
    await signIn(council, h.receiver, 'user3@example.org', t.baseUrl, checker, 'confidential-council-sign-in');
    await signIn(mediator, h.receiver, 'user5@example.org', t.baseUrl, checker, 'confidential-mediator-sign-in');
    await signIn(board, h.receiver, 'user7@example.org', t.baseUrl, checker, 'confidential-board-sign-in');
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const steps: Array<[Record<string, unknown>, string]> = [
      [{ type: 'ACKNOWLEDGE' }, p.council.token],
      [{ type: 'DECLARE_NEGOTIATION_FAILED', reason: 'No movement on the funding.' }, p.vcs.token],
      [{ type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token],
    ];
    for (const [event, token] of steps) expect((await t.api.event(caseId, event, token)).status).toBe(200);
  });
  afterAll(() => h.stop());

  it('offers no confidential note before the mediator has accepted the case', async () => {
    await openCase(vcs);
    expect(await actionForm(vcs, 'CONFIDENTIAL_NOTE').count()).toBe(0);
    expect((await t.api.event(caseId, { type: 'MEDIATOR_ACCEPT' }, p.mediator.token)).status).toBe(200);
  });

  it('lets a party write to the mediator only, refuses an empty note on the form, and sends it with a document', async () => {
    await openCase(vcs);
    const form = actionForm(vcs, 'CONFIDENTIAL_NOTE');
    await form.locator('summary').click();
    expect(await form.locator('summary').innerText()).toContain('Send a confidential note');
    expect(await form.innerText()).toContain('Only the two of you will see what you write');
    // One recipient for a party: the mediator, by name, already chosen.
    const recipients = form.locator('input[name="to"]');
    expect(await recipients.count()).toBe(1);
    expect(await form.getByLabel('Compact Voice (the mediator)').isChecked()).toBe(true);
    await checker.check(vcs, 'confidential-form');

    const refused = await submit(vcs, form.locator('#submit-confidential_note'));
    await expectErrorSummary(vcs, refused, [{ text: /^Your confidential note /, href: '#confidential_note-note' }]);
    expect((await t.api.get(`/api/v1/cases/${caseId}/history`, p.vcs.token)).body.entries.some((e: any) => e.eventType === 'CONFIDENTIAL_NOTE')).toBe(false);

    const again = actionForm(vcs, 'CONFIDENTIAL_NOTE');
    await again.locator('[name="note"]').fill(TO_MEDIATOR);
    await again.getByLabel('Attach documents (optional)').setInputFiles(join(FIXTURES, 'meeting-minutes.docx'));
    await Promise.all([vcs.waitForURL(/done=CONFIDENTIAL_NOTE/), again.locator('#submit-confidential_note').click()]);
    expect(await vcs.locator('.govuk-notification-banner--success').innerText()).toContain('Your confidential note has been sent');
    await checker.check(vcs, 'confidential-sent');
    const entry = newestEntry(vcs);
    expect(await entry.locator('.moj-timeline__title').innerText()).toBe('Hope Community Trust sent a confidential note to Compact Voice (the mediator)');
    expect(await entry.innerText()).toContain(TO_MEDIATOR);
    expect(await entry.locator('.app-cited-documents a').allInnerTexts()).toEqual(['meeting-minutes.docx']);
  });

  it('shows the note to the mediator, and to the other party and the board only that one was sent', async () => {
    await openCase(mediator);
    expect(await newestEntry(mediator).innerText()).toContain(TO_MEDIATOR);
    expect(await newestEntry(mediator).locator('.app-cited-documents a').allInnerTexts()).toEqual(['meeting-minutes.docx']);
    for (const [page, name] of [[council, 'council'], [board, 'board']] as const) {
      await openCase(page);
      const body = await page.locator('main').innerText();
      expect(body).not.toContain(TO_MEDIATOR);
      expect(body).not.toContain('meeting-minutes.docx');
      expect(await page.locator('.moj-timeline__title').allInnerTexts()).toContain('Confidential note in mediation (only the mediator and one party see it)');
      expect(await page.locator('.moj-timeline__title').allInnerTexts()).not.toContain('Hope Community Trust sent a confidential note to Compact Voice (the mediator)');
      await checker.check(page, `confidential-withheld-${name}`);
    }
    expect(await actionForm(board, 'CONFIDENTIAL_NOTE').count()).toBe(0);
  });

  it('lets the mediator write to one party of their choice, seen by that party and not the other', async () => {
    await openCase(mediator);
    const form = actionForm(mediator, 'CONFIDENTIAL_NOTE');
    await form.locator('summary').click();
    expect(await form.locator('input[name="to"]').count()).toBe(2);
    expect(await form.locator('input[name="to"]:checked').count()).toBe(0);
    await form.locator('[name="note"]').fill(TO_COUNCIL);
    // Nobody chosen: refused, with the note kept.
    const refused = await submit(mediator, form.locator('#submit-confidential_note'));
    await expectErrorSummary(mediator, refused, [{ text: /^Who the note is for /, href: '#confidential_note-to' }]);
    const again = actionForm(mediator, 'CONFIDENTIAL_NOTE');
    expect(await again.locator('[name="note"]').inputValue()).toBe(TO_COUNCIL);
    await again.getByLabel('Southampton City Council (who the case is about)').check();
    await Promise.all([mediator.waitForURL(/done=CONFIDENTIAL_NOTE/), again.locator('#submit-confidential_note').click()]);

    await openCase(council);
    expect(await newestEntry(council).innerText()).toContain(TO_COUNCIL);
    expect(await newestEntry(council).locator('.moj-timeline__title').innerText()).toBe('Compact Voice sent a confidential note to Southampton City Council');
    await openCase(vcs);
    expect(await vcs.locator('main').innerText()).not.toContain(TO_COUNCIL);
    expect(await vcs.locator('main').innerText()).toContain(TO_MEDIATOR);
  });

  it('offers the case bundle from the case page, with the confidential notes left out', async () => {
    await openCase(board);
    const link = board.getByRole('link', { name: 'Download the case bundle' });
    const [file] = await Promise.all([board.waitForEvent('download'), link.click()]);
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
    const saved = join(mkdtempSync(join(tmpdir(), 'confidential-bundle-')), file.suggestedFilename());
    await file.saveAs(saved);
    const files = await unzip(saved);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['bundle.pdf', 'history.json', 'verification.json']));
    const everything = [...files.values()].map((b) => b.toString('latin1')).join('\n');
    expect(everything).not.toContain(TO_MEDIATOR);
    expect(everything).not.toContain(TO_COUNCIL);
    expect([...files.keys()].some((name) => name.includes('meeting-minutes'))).toBe(false);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
  });
});
