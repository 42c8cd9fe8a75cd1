import { Page } from 'playwright-core';
import { BAD_EMAIL_ADDRESSES } from './support/email-addresses.fixture';
import { expectProblem } from './support/problem';
import { Parties } from './support/parties.fixture';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { changedTables, settledDump } from './support/web-db';
import { expectErrorSummary, submit } from './support/web-forms';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * One validation for pages and API: the administrator's organisation and invitation forms and the
 * sign-in form go through the API's own request DTOs and its one email rule. Each bad input of the
 * table is refused by the API (400 VALIDATION_FAILED naming the field) and by the page (the GOV.UK
 * error summary in the page's wording), and neither writes anything.
 */
describe('pages and the API refuse the same bad input, and write nothing', () => {
  const h = new WebHarness('validation');
  let t: TestApp;
  let p: Parties;
  let admin: Page;
  let visitor: Page;

  beforeAll(async () => {
    ({ t, p } = await h.start());
    // Without JavaScript: what the server decides, as every browser gets it.
    admin = await h.page(false);
    await signIn(admin, h.receiver, 'admin@localhost', t.baseUrl);
    visitor = await h.page(false);
  });

  afterAll(() => h.stop());

  /** Types into a field exactly (a plain text control: no browser clean-up of an email field's value). */
  const type = (page: Page, selector: string, value: string) =>
    page.locator(selector).evaluate((input, v) => {
      (input as any).type = 'text';
      (input as any).value = v;
    }, value);
  /** A choice whose value was altered by hand (a hand-made POST). */
  const tamper = (page: Page, selector: string, value: string) =>
    page.locator(selector).evaluate((control, v) => {
      (control as any).value = v;
      if ('checked' in control) (control as any).checked = true;
    }, value);

  async function expectNothingWritten(before: string): Promise<void> {
    expect(changedTables(before, await settledDump(t))).toEqual([]);
  }

  interface Invitation {
    name: string;
    email: string;
    role: string;
    organisationId: string;
  }
  const goodInvitation = (): Invitation => ({ name: 'Nadia Patel', email: 'nadia.patel@example.org', role: 'party', organisationId: p.orgs.vcs });

  async function invite(fields: Invitation) {
    await admin.goto('/admin');
    const form = admin.locator('form[action="/admin/users"]');
    await type(admin, '#user-name', fields.name);
    await type(admin, '#user-email', fields.email);
    await form.getByLabel('Acts for a VCS organisation or public body').check();
    await form.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Hope Community Trust (vcs)' });
    if (fields.role !== 'party') await tamper(admin, '#user-role', fields.role);
    if (fields.organisationId !== p.orgs.vcs) await tamper(admin, '#user-organisation option:checked', fields.organisationId);
    return submit(admin, form.getByRole('button', { name: 'Send invitation' }));
  }

  async function addOrganisation(name: string, kind: string) {
    await admin.goto('/admin');
    const form = admin.locator('form[action="/admin/organisations"]');
    await type(admin, '#org-name', name);
    await form.getByLabel('Voluntary or community organisation').check();
    if (kind !== 'vcs') await tamper(admin, '#org-kind', kind);
    return submit(admin, form.getByRole('button', { name: 'Add organisation' }));
  }

  async function requestSignIn(email: string) {
    await visitor.goto('/sign-in');
    await type(visitor, '#email', email);
    return submit(visitor, visitor.getByRole('button', { name: 'Send me a sign-in link' }));
  }

  const shown = BAD_EMAIL_ADDRESSES.filter((c) => c.browser !== false);

  it.each(shown.map((c) => [c.why, c.email]))('an email address with %s: the API, the invitation form and the sign-in form', async (_why, email) => {
    const before = await settledDump(t);
    expectProblem(await t.api.post('/api/v1/users', { ...goodInvitation(), email }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['email']);
    await expectErrorSummary(admin, await invite({ ...goodInvitation(), email }), [{ text: 'Enter an email address like name@example.org', href: '#user-email' }]);
    await expectErrorSummary(visitor, await requestSignIn(email), [
      { text: 'Enter an email address in the correct format, like name@example.org', href: '#email' },
    ]);
    await expectNothingWritten(before);
  });

  it('an email address with half a surrogate pair, which only the API can be sent (a form travels as UTF-8)', async () => {
    const before = await settledDump(t);
    for (const { email } of BAD_EMAIL_ADDRESSES.filter((c) => c.browser === false)) {
      expectProblem(await t.api.post('/api/v1/users', { ...goodInvitation(), email }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['email']);
    }
    await expectNothingWritten(before);
  });

  const invitations: Array<[string, Partial<Invitation>, string, { text: string; href: string }]> = [
    ['a blank name', { name: '   ' }, 'name', { text: 'Enter the person’s name (up to 200 characters)', href: '#user-name' }],
    ['a name over 200 characters', { name: 'n'.repeat(201) }, 'name', { text: 'Enter the person’s name (up to 200 characters)', href: '#user-name' }],
    ['an unknown role', { role: 'superuser' }, 'role', { text: 'Choose a role', href: '#user-role' }],
    ['an organisation that is not an id', { organisationId: 'not-an-id' }, 'organisationId', { text: 'Choose an organisation from the list', href: '#user-organisation' }],
  ];

  it.each(invitations)('an invitation with %s: the API and the invitation form', async (_what, change, field, summary) => {
    const before = await settledDump(t);
    expectProblem(await t.api.post('/api/v1/users', { ...goodInvitation(), ...change }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', [field]);
    await expectErrorSummary(admin, await invite({ ...goodInvitation(), ...change }), [summary]);
    await expectNothingWritten(before);
  });

  const organisations: Array<[string, { name: string; kind: string }, string, { text: string; href: string }]> = [
    ['a blank name', { name: ' \t ', kind: 'vcs' }, 'name', { text: 'Enter the organisation name (up to 200 characters)', href: '#org-name' }],
    ['a name over 200 characters', { name: 'o'.repeat(201), kind: 'vcs' }, 'name', { text: 'Enter the organisation name (up to 200 characters)', href: '#org-name' }],
    ['an unknown kind', { name: 'Riverside Allotments', kind: 'charity' }, 'kind', { text: 'Choose what kind of organisation it is', href: '#org-kind' }],
  ];

  it.each(organisations)('an organisation with %s: the API and the organisation form', async (_what, body, field, summary) => {
    const before = await settledDump(t);
    expectProblem(await t.api.post('/api/v1/organisations', body, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', [field]);
    await expectErrorSummary(admin, await addOrganisation(body.name, body.kind), [summary]);
    await expectNothingWritten(before);
  });

  it('the same forms still accept good input, as the API does (a control: the refusals above are not the forms failing)', async () => {
    const response = await invite({ ...goodInvitation(), email: 'Nadia.Patel@Example.org' });
    expect(new URL(admin.url()).search).toBe('?done=invited');
    expect(response!.status()).toBe(200);
    const users = (await t.api.get('/api/v1/users', ADMIN_TOKEN)).body as Array<{ email: string }>;
    expect(users.map((u) => u.email)).toContain('nadia.patel@example.org');
    await addOrganisation('Riverside Allotments', 'vcs');
    expect(new URL(admin.url()).search).toBe('?done=organisation');
    await requestSignIn('nadia.patel@example.org');
    expect(await visitor.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);
  });
});
