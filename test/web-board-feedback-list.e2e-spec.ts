import { randomUUID } from 'node:crypto';
import { CASE_FEEDBACK_LIMIT } from '@compact/application';
import { CaseRecord, feedbackAnsweredOn, Store } from '@compact/domain';
import { seedRegisterCases } from './support/register-seed';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(180_000);

/*
 * The board's list of answers by case, past its length: more cases answered than the page lists
 * (CASE_FEEDBACK_LIMIT) says so, and choosing a year lists that year's cases, counted in the
 * database, not cut from the newest. Answers written through the product's own repository on a
 * real database; the page in a real browser with axe; parties and mediators are refused first.
 */
describe('the board’s answers by case, when there are many', () => {
  const h = new WebHarness('board-feedback-list');
  let cases: CaseRecord[];
  let oldYear: number;
  let oldCases: CaseRecord[];

  beforeAll(async () => {
    const { t, p } = await h.start();
    const now = h.clock.now();
    cases = await seedRegisterCases(t, {
      count: CASE_FEEDBACK_LIMIT + 10,
      now,
      orgs: { publicBodies: [p.orgs.council, p.orgs.council2], rareBody: p.orgs.council2, vcs: [p.orgs.vcs, p.orgs.vcs2] },
      createdBy: p.vcs.userId,
      undertakings: ['4.5', '2.4'],
      rareUndertaking: '1.1',
      stages: ['negotiation', 'mediation'],
      titleOf: (i) => `Listed case ${i}`,
    });
    // Each case answered once by its claimant, the oldest first, a day apart; a case's year is the year it was raised.
    const ordered = [...cases].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    oldYear = ordered[0].createdAt.getUTCFullYear();
    oldCases = ordered.filter((c) => c.createdAt.getUTCFullYear() === oldYear);
    await t.app.get(Store).write(async (r) => {
      for (const [i, c] of ordered.entries()) {
        const invitation = {
          id: randomUUID(),
          caseId: c.id,
          role: 'claimant' as const,
          stage: 'negotiation',
          endedYear: c.createdAt.getUTCFullYear(),
          tokenHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
          expiresAt: new Date(now.getTime() + 90 * 86_400_000),
          usedAt: null,
          // A day apart, as the product keeps them (the day only: see feedbackAnsweredOn).
          createdAt: feedbackAnsweredOn(new Date(now.getTime() - (ordered.length - i) * 86_400_000)),
        };
        await r.feedback.insertInvitations([invitation]);
        await r.feedback.insertResponse({
          id: randomUUID(),
          invitationId: invitation.id,
          caseId: c.id,
          role: 'claimant',
          stage: 'negotiation',
          endedYear: invitation.endedYear,
          fair: 4,
          understood: 3,
          timely: 2,
          useAgain: true,
          comment: `About case number ${i}`,
          submittedAt: invitation.createdAt,
        });
      }
    });
  });
  afterAll(() => h.stop());

  it('lists the cases answered most lately and says that more are counted; a year lists its own cases, however old', async () => {
    const page = await h.page(false);
    await signIn(page, h.receiver, 'user7@example.org', h.t.baseUrl); // the board member
    await page.goto('/board/feedback');
    await h.checker.check(page, 'many');
    expect(await page.locator('.app-feedback-case').count()).toBe(CASE_FEEDBACK_LIMIT);
    await expect(page.locator('#answers-cut').innerText()).resolves.toContain(`The ${CASE_FEEDBACK_LIMIT} cases answered most lately are shown`);
    // The oldest answer is not among the newest 200 cases.
    const html = await page.content();
    expect(html).not.toContain(`Case ${oldCases[0].reference}:`);
    expect((await page.locator('#feedback-by-stage tbody tr', { hasText: 'All stages' }).locator('[data-field="responded"]').innerText()).trim()).toBe(String(cases.length));

    await page.goto(`/board/feedback?year=${oldYear}`);
    await h.checker.check(page, 'old-year');
    const listed = await page.locator('.app-feedback-case h3').allInnerTexts();
    expect(listed.length).toBe(Math.min(oldCases.length, CASE_FEEDBACK_LIMIT));
    for (const c of oldCases.slice(-listed.length)) expect(listed.some((text) => text.startsWith(`Case ${c.reference}:`))).toBe(true);
    expect(await page.locator('#answers-cut').count()).toBe(oldCases.length > CASE_FEEDBACK_LIMIT ? 1 : 0);
  });

  it('refuses a party and a mediator before reading the year (the 404 page, whatever the year says)', async () => {
    for (const email of ['user1@example.org', 'user5@example.org']) {
      const page = await h.page(false);
      await signIn(page, h.receiver, email, h.t.baseUrl);
      for (const path of ['/board/feedback', '/board/feedback?year=twenty', '/board/register']) {
        const res = await page.goto(path);
        expect({ email, path, status: res?.status() }).toEqual({ email, path, status: 404 });
      }
    }
  });
});
