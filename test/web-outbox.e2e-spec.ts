import { BackgroundTasks, newOutboxMessage, RequestSignInLinkUseCase } from '@compact/application';
import { OutboxMessage, Store } from '@compact/domain';
import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { listOutbox } from './support/outbox-listing';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * The administration page's list of email that could not be delivered pages through every such
 * message (20 a page), says for each recipient whether it got the message and what its mail
 * server said, and never shows a sign-in link.
 */
describe('administration: email that could not be delivered, page by page, recipient by recipient', () => {
  // One attempt each: whatever the server refuses is failed after it.
  const h = new WebHarness('outbox', { MAIL_MAX_ATTEMPTS: '1' });
  const { receiver, clock } = h;
  let t: TestApp;
  let checker: PageChecker;
  let admin: Page;
  let failedIds: string[];

  beforeAll(async () => {
    ({ t, checker } = await h.start());
    admin = await h.page();
    await signIn(admin, receiver, 'admin@localhost', t.baseUrl, checker, 'admin-sign-in');

    // 101 messages to an address the server refuses for good, one to a refused and an accepted
    // address, and a sign-in link to a refused address: 103 failed messages in all.
    receiver.refuse('gone@example.org', 550);
    const at = clock.now().getTime();
    const message = (i: number, to: string[]): OutboxMessage =>
      newOutboxMessage({ caseId: null, kind: 'stage-change', topic: null, at: new Date(at + i), to, cc: [], subject: `Notice ${i + 1}`, text: 'Hello', html: '<p>Hello</p>' });
    const messages = [...Array.from({ length: 101 }, (_, i) => message(i, ['gone@example.org'])), message(101, ['here@example.org', 'gone@example.org'])];
    await t.app.get(Store).write((r) => r.outbox.enqueue(messages));
    clock.advance(1_000);
    receiver.refuse('user3@example.org', 550);
    await t.app.get(RequestSignInLinkUseCase).execute('user3@example.org', '127.0.0.1');
    await t.app.get(BackgroundTasks).idle();
    const deadline = Date.now() + 20_000;
    const unsettled = async () => (await listOutbox(t.api, ADMIN_TOKEN, 'pending')).length + (await listOutbox(t.api, ADMIN_TOKEN, 'sending')).length;
    while ((await unsettled()) > 0) {
      if (Date.now() > deadline) throw new Error('the messages were not all tried');
      await new Promise((r) => setTimeout(r, 100));
    }
    failedIds = (await listOutbox(t.api, ADMIN_TOKEN, 'failed')).map((m) => m.id);
  });
  afterAll(() => h.stop());

  const rowIds = (page: Page) => page.locator('#outbox ~ table tbody tr').evaluateAll((rows) => rows.map((r) => r.id.replace(/^message-/, '')));

  it('shows 20 a page, newest first, and every one of the 103 across the pages', async () => {
    expect(failedIds).toHaveLength(103);
    await admin.goto('/admin#outbox');
    await checker.check(admin, 'admin-undelivered-first-page');
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const ids = await rowIds(admin);
      expect(ids.length).toBe(page < 6 ? 20 : 3);
      seen.push(...ids);
      const next = admin.getByRole('link', { name: 'Next page' });
      if ((await next.count()) === 0) break;
      await next.click();
      await admin.waitForLoadState('load');
      expect(await admin.getByRole('link', { name: 'First page' }).count()).toBe(1);
    }
    await checker.check(admin, 'admin-undelivered-last-page');
    expect(seen).toEqual(failedIds); // the same order as the API: newest first
    expect(new Set(seen).size).toBe(103);
  });

  it('says which recipient did not get a message and what the server said, and who did get it', async () => {
    await admin.goto('/admin#outbox');
    const partly = admin.locator('#outbox ~ table tbody tr', { hasText: 'Notice 102' });
    const cells = (await partly.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(cells[0]).toBe('here@example.org, gone@example.org');
    expect(cells[2]).toBe('1');
    expect(cells[3]).toMatch(/^Not delivered to gone@example\.org: 550 .*No such user here\s+Delivered to here@example\.org$/);
  });

  it('lists an undelivered sign-in email by address and subject, never with its link', async () => {
    await admin.goto('/admin#outbox');
    const row = admin.locator('#outbox ~ table tbody tr', { hasText: 'user3@example.org' });
    expect((await row.locator('td').allInnerTexts()).map((c) => c.trim()).slice(0, 2)).toEqual(['user3@example.org', 'Your sign-in link']);
    expect(await admin.content()).not.toMatch(/\/sign-in\/[A-Za-z0-9_-]{20,}/);
  });

  it('offers no retry for a sign-in email whose link has expired (its body is gone)', async () => {
    const before = (await listOutbox(t.api, ADMIN_TOKEN, 'failed')).find((m) => m.kind === 'sign-in');
    expect(before.erasedAt).toBeNull();
    await admin.goto('/admin#outbox');
    const row = () => admin.locator(`#message-${before.id}`);
    expect(await row().getByRole('button', { name: /^Retry/ }).count()).toBe(1);
    clock.advance(15 * 60_000);
    const deadline = Date.now() + 10_000;
    while (!(await listOutbox(t.api, ADMIN_TOKEN, 'failed')).find((m) => m.id === before.id).erasedAt) {
      if (Date.now() > deadline) throw new Error('the expired link was not erased');
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.reload();
    expect(await row().getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    expect((await row().locator('td').nth(4).innerText()).trim()).toBe('Link expired');
    expect((await row().locator('td').nth(3).innerText()).trim()).toMatch(/^Not delivered to user3@example\.org: 550 /);
    await checker.check(admin, 'admin-undelivered-link-expired');
  });

  it('goes back to the first page for a cursor it did not give out', async () => {
    await admin.goto('/admin?outbox=not-a-cursor');
    expect(new URL(admin.url()).pathname).toBe('/admin');
    expect(new URL(admin.url()).search).toBe('');
    expect(await rowIds(admin)).toEqual(failedIds.slice(0, 20));
  });
});
