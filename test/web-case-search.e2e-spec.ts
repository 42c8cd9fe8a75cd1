import { Page } from 'playwright-core';
import { CaseFactory } from './support/case-factory';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * The search box of /cases in a real browser without JavaScript (a plain GET form): results keep
 * the filters, a search that finds nothing says so and offers to clear it, a refused search is
 * named on the box, and someone with no cases at all is told so (and, if they may, offered to
 * raise one). Every page passes axe.
 */
describe('web: searching the cases, and the empty states', () => {
  const h = new WebHarness('case-search');
  const EMAIL = { vcs: 'user1@example.org', vcs2: 'user2@example.org', mediator: 'user5@example.org', board: 'user7@example.org' };
  const rows = (page: Page) => page.locator('tbody tr');
  let ids: Record<string, string> = {};
  let refs: Record<string, string> = {};

  beforeAll(async () => {
    await h.start();
    const f = new CaseFactory(h.t.api, h.p);
    const youth = await f.raise({ title: 'Youth club grant ended early', summary: 'Two weeks’ notice and no reasons given.' });
    const library = await f.raise({ title: 'Library closed without consultation', summary: 'Nobody asked the Portswood groups.' });
    await f.step(library.id, ['ACKNOWLEDGE', 'respondent']);
    ids = { youth: youth.id, library: library.id };
    refs = { youth: youth.reference, library: library.reference };
  });
  afterAll(() => h.stop());

  const search = async (page: Page, q: string) => {
    await page.getByLabel('Search cases').fill(q);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Search', exact: true }).click()]);
  };

  it('tells a party with no cases so, and offers to raise one', async () => {
    const vcs2 = await h.page(false);
    await signIn(vcs2, h.receiver, EMAIL.vcs2, h.t.baseUrl, h.checker, 'vcs2-sign-in');
    await vcs2.goto('/cases');
    await h.checker.check(vcs2, 'vcs2-no-cases');
    expect(await vcs2.getByRole('heading', { name: 'You have no cases yet' }).isVisible()).toBe(true);
    const raise = vcs2.locator('main a.govuk-button', { hasText: 'Raise a case' });
    expect(await raise.getAttribute('href')).toBe('/cases/new');
    expect(await vcs2.getByLabel('Search cases').count()).toBe(0);
    // Even when a search or a filter came along: they have nothing to narrow down.
    await vcs2.goto('/cases?q=youth&stage=negotiation');
    expect(await vcs2.getByRole('heading', { name: 'You have no cases yet' }).isVisible()).toBe(true);
  });

  it('tells a mediator with no cases so, without offering to raise one', async () => {
    const mediator = await h.page(false);
    await signIn(mediator, h.receiver, EMAIL.mediator, h.t.baseUrl, h.checker, 'mediator-sign-in');
    await mediator.goto('/cases');
    await h.checker.check(mediator, 'mediator-no-cases');
    expect(await mediator.getByRole('heading', { name: 'You have no cases yet' }).isVisible()).toBe(true);
    expect(await mediator.locator('main a.govuk-button').count()).toBe(0);
  });

  it('searches with the filters kept, says when nothing matches and offers to clear the search', async () => {
    const vcs = await h.page(false);
    await signIn(vcs, h.receiver, EMAIL.vcs, h.t.baseUrl, h.checker, 'vcs-sign-in');
    await vcs.goto('/cases');
    expect(await rows(vcs).count()).toBe(2);

    await search(vcs, 'youth gra');
    await h.checker.check(vcs, 'vcs-search-found');
    expect(new URL(vcs.url()).searchParams.get('q')).toBe('youth gra');
    expect(await rows(vcs).count()).toBe(1);
    expect(await rows(vcs).innerText()).toContain(refs.youth);
    expect(await vcs.getByLabel('Search cases').inputValue()).toBe('youth gra');

    await search(vcs, refs.library.toLowerCase());
    expect(await rows(vcs).count()).toBe(1);
    expect(await rows(vcs).locator('a').getAttribute('href')).toBe(`/cases/${ids.library}`);

    // With a stage chosen, the search looks only at that stage; the Filter button keeps the words.
    await search(vcs, 'grant');
    // The third option: a stage after negotiation, where neither case is.
    await vcs.getByLabel('Stage').selectOption({ index: 2 });
    await Promise.all([vcs.waitForNavigation(), vcs.getByRole('button', { name: 'Filter cases' }).click()]);
    const params = new URL(vcs.url()).searchParams;
    expect(params.get('q')).toBe('grant');
    expect(params.get('stage')).toBeTruthy();
    await h.checker.check(vcs, 'vcs-search-filtered-out');
    expect(await vcs.getByRole('heading', { name: 'No cases match ‘grant’' }).isVisible()).toBe(true);

    await Promise.all([vcs.waitForNavigation(), vcs.getByRole('link', { name: 'Clear the search' }).click()]);
    const cleared = new URL(vcs.url()).searchParams;
    expect(cleared.get('q')).toBeNull();
    expect(cleared.get('stage')).toBe(params.get('stage'));
    expect(await vcs.getByLabel('Search cases').inputValue()).toBe('');
  });

  it('names a refused search on the box, and treats hostile text as words', async () => {
    const board = await h.page(false);
    await signIn(board, h.receiver, EMAIL.board, h.t.baseUrl, h.checker, 'board-sign-in');
    await board.goto('/cases');
    await search(board, '"*" ()');
    await h.checker.check(board, 'board-search-refused');
    expect(await board.getByRole('link', { name: 'The search must contain a letter or a digit' }).isVisible()).toBe(true);
    expect(await board.title()).toMatch(/^Error: /);

    await search(board, '<script>alert(1)</script> NEAR(youth) "grant*');
    await h.checker.check(board, 'board-search-hostile');
    expect(await board.getByRole('heading', { name: /No cases match/ }).innerText()).toContain('<script>alert(1)</script>');
    await search(board, 'youth " NEAR');
    expect(await rows(board).count()).toBe(0);
    await search(board, '(youth) -club*');
    expect(await rows(board).count()).toBe(1);
  });
});
