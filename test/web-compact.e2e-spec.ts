import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * /compact in a real browser without JavaScript: every undertaking verbatim, by section and side,
 * searched by words and filtered by side; signed in, each links to the cases that cite it, which
 * are only those the person may see.
 */
describe('web: browsing the Compact', () => {
  const h = new WebHarness('compact');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
  });
  afterAll(() => h.stop());

  const ids = (page: import('playwright-core').Page) => page.locator('.govuk-summary-list__key').allInnerTexts();

  it('lists every undertaking verbatim, searches their text and narrows them to one side', async () => {
    const compact = (await t.api.get('/api/v1/compact')).body;
    const all = compact.sections.flatMap((s: any) => s.groups.flatMap((g: any) => g.undertakings));
    const page = await h.page(false);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'The Compact' }).click();
    expect(await ids(page)).toEqual(all.map((u: any) => u.id));
    const u45 = all.find((u: any) => u.id === '4.5');
    expect(await page.locator('.govuk-summary-list__row', { hasText: u45.text }).locator('dt').innerText()).toBe('4.5');
    expect(await page.getByRole('link', { name: /Cases that cite it/ }).count()).toBe(0);
    await checker.check(page, 'all');

    await page.getByLabel('Search the undertakings').fill('notice funding');
    await page.getByRole('button', { name: 'Search' }).click();
    const expected = all.filter((u: any) => /notice/i.test(u.text) && /funding/i.test(u.text)).map((u: any) => u.id);
    expect(expected).toContain('4.5');
    expect(await ids(page)).toEqual(expected);
    expect(await page.getByRole('status').innerText()).toBe(`${expected.length} undertaking${expected.length === 1 ? '' : 's'} found.`);

    await page.goto('/compact?side=vcs');
    const vcs = compact.sections.flatMap((s: any) => s.groups.filter((g: any) => g.binds === 'vcs').flatMap((g: any) => g.undertakings.map((u: any) => u.id)));
    expect(vcs.length).toBeGreaterThan(0);
    expect(await ids(page)).toEqual(vcs);
    await page.goto('/compact?q=zzzznothing');
    await page.getByText('No undertaking holds every word you searched for.').waitFor();
    await checker.check(page, 'nothing-found');
  });

  it('signed in, links each undertaking to the cases citing it that the person may see', async () => {
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const page = await h.page(false);
    await signIn(page, h.receiver, 'user1@example.org', t.baseUrl);
    await page.goto('/compact?q=4.5');
    await page.getByRole('link', { name: 'Cases that cite it (4.5)' }).click();
    expect(new URL(page.url()).search).toBe('?undertaking=4.5');
    expect(await page.locator(`a[href="/cases/${id}"]`).count()).toBeGreaterThan(0);
    const other = await h.page(false);
    await signIn(other, h.receiver, 'user2@example.org', t.baseUrl);
    await other.goto('/compact?q=4.5');
    await other.getByRole('link', { name: 'Cases that cite it (4.5)' }).click();
    expect(await other.locator(`a[href="/cases/${id}"]`).count()).toBe(0);
  });
});
