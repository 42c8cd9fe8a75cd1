import { formatLongDate } from '@compact/calendar';
import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { nextMoveOf } from './support/web-case-page';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(180_000);

type Person = 'charity' | 'council' | 'mediator' | 'board';
type Banner = { text: string | RegExp; action: string | null };

/*
 * The banner at the top of the case page, for each person, at each step of a breach of 4.5 from
 * raising it to the ombudsman (no JavaScript): the person who must act reads what, by when and
 * what happens if they do not, with the action as a button; everyone else reads whom the case
 * waits for and by when, or what they may do. The steps are taken over the API; the banners are
 * read from the pages. The service's clock stands still at the harness's Tuesday, so the dates are
 * those of that day's deadlines, read from the case's own deadlines where they are not fixed.
 */
describe('web: the banner for each person at each step of the journey', () => {
  const h = new WebHarness('banner');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  const pages = {} as Record<Person, Page>;
  let caseId: string;

  /** The due date (YYYY-MM-DD) of the case's pending deadline `key`, in words as the pages write it. */
  const dueOf = async (key: string): Promise<string> => {
    const c = (await t.api.get(`/api/v1/cases/${caseId}`, p.board.token)).body;
    const d = (c.deadlines as Array<{ key: string; dueDate: string }>).find((x) => x.key === key);
    if (!d) throw new Error(`no pending deadline ${key}: ${JSON.stringify(c.deadlines.map((x: { key: string }) => x.key))}`);
    return formatLongDate(d.dueDate);
  };
  const bannerOf = async (who: Person, step: string) => {
    const page = pages[who];
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checker.check(page, `${step}-${who}`);
    return nextMoveOf(page);
  };
  const expectBanners = async (step: string, expected: Partial<Record<Person, Banner>>) => {
    for (const [who, want] of Object.entries(expected) as Array<[Person, Banner]>) {
      const got = await bannerOf(who, step);
      expect({ step, who, text: got.text, action: got.action }).toEqual({ step, who, text: typeof want.text === 'string' ? want.text : expect.stringMatching(want.text), action: want.action });
    }
  };
  const send = async (event: Record<string, unknown>, token: string) => expect((await t.api.event(caseId, event, token)).status).toBe(200);

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    const people: Array<[Person, string]> = [
      ['charity', 'user1@example.org'],
      ['council', 'user3@example.org'],
      ['mediator', 'user5@example.org'],
      ['board', 'user7@example.org'],
    ];
    for (const [who, email] of people) {
      pages[who] = await h.page(false);
      await signIn(pages[who], h.receiver, email, t.baseUrl, checker, `banner-${who}-sign-in`);
    }
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
  });
  afterAll(() => h.stop());

  it('raised: the council must acknowledge it; the charity and the board wait for that', async () => {
    const by = await dueOf('deadline.acknowledgement');
    await expectBanners('raised', {
      council: {
        text: `Your move You must acknowledge the case by ${by} (5 working days left). If you do not, Hope Community Trust may take the case to a mediator or to the formal route.`,
        action: 'Acknowledge the case',
      },
      charity: { text: new RegExp(`^Waiting for Southampton City Council to acknowledge the case, by ${by}\\.`), action: expect.anything() },
      board: { text: `Waiting for Southampton City Council to acknowledge the case, by ${by}.`, action: null },
    });
  });

  it('acknowledged: nobody has a deadline yet; each party may act, the board only reads', async () => {
    await send({ type: 'ACKNOWLEDGE' }, p.council.token);
    await expectBanners('acknowledged', {
      charity: { text: /^Nobody has to act by a deadline now\. You may: .*propose a resolution/, action: expect.anything() },
      council: { text: /^Nobody has to act by a deadline now\. You may: .*propose a resolution/, action: expect.anything() },
      board: { text: /^(Nobody has to act on this case now\.|Nobody has to act by a deadline now\.)/, action: null },
    });
  });

  it('a proposal made: the charity must answer it, the council waits for that answer', async () => {
    await send({ type: 'PROPOSE_RESOLUTION', proposal: 'One month of funding while we review the decision.' }, p.council.token);
    const by = await dueOf('deadline.proposal');
    await expectBanners('proposed', {
      charity: { text: new RegExp(`^Your move You must answer Southampton City Council['’]s proposal by ${by} \\(\\d+ working days? left\\)\\. If you do not, `), action: expect.anything() },
      council: { text: new RegExp(`^Waiting for Hope Community Trust to answer Southampton City Council['’]s proposal, by ${by}\\.`), action: expect.anything() },
      board: { text: `Waiting for Hope Community Trust to answer Southampton City Council's proposal, by ${by}.`, action: null },
    });
    // The form to answer it speaks to the charity, naming whose proposal it is.
    const form = pages.charity.locator('#action-accept_resolution');
    await form.locator('summary').click();
    expect(await form.innerText()).toContain("Accept Southampton City Council's proposal. If it offers actions, they become the agreement");
    expect(await pages.charity.locator('main').innerText()).not.toMatch(/the party who did not make/i);
  });

  it('the proposal rejected and negotiation declared failed: the charity may refer the case', async () => {
    await send({ type: 'REJECT_RESOLUTION', reason: 'One month does not cover the notice we are owed.' }, p.vcs.token);
    await send({ type: 'DECLARE_NEGOTIATION_FAILED', reason: 'Two rounds have not moved either position.' }, p.vcs.token);
    await expectBanners('negotiation-failed', {
      charity: { text: 'Nobody has to act by a deadline now. You may: refer to a mediator, add a note, record a meeting, escalate to a formal mechanism and withdraw the case.', action: 'Refer to a mediator' },
      council: { text: /^Nobody has to act by a deadline now\. You may: /, action: expect.anything() },
      board: { text: /^Nobody has to act/, action: null },
    });
  });

  it('referred: the mediator must accept or decline; the parties and the board wait for the mediator', async () => {
    await send({ type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token);
    const by = await dueOf('deadline.mediator-response');
    await expectBanners('referred', {
      mediator: { text: new RegExp(`^Your move You must accept or decline the referral by ${by} \\(\\d+ working days? left\\)\\. If you do not, `), action: expect.anything() },
      charity: { text: new RegExp(`^Waiting for Compact Voice to accept or decline the referral, by ${by}\\.`), action: expect.anything() },
      council: { text: `Waiting for Compact Voice to accept or decline the referral, by ${by}.`, action: null },
      board: { text: `Waiting for Compact Voice to accept or decline the referral, by ${by}.`, action: null },
    });
  });

  it('in mediation: nobody has a deadline; the mediator may record its outcome', async () => {
    await send({ type: 'MEDIATOR_ACCEPT' }, p.mediator.token);
    await expectBanners('in-mediation', {
      mediator: { text: /^Nobody has to act by a deadline now\. You may: record a mediation agreement|^Nobody has to act by a deadline now\. You may: [^,]*agreement/i, action: expect.anything() },
      charity: { text: /^Nobody has to act by a deadline now\. You may: /, action: expect.anything() },
      board: { text: /^Nobody has to act/, action: null },
    });
  });

  it('mediation failed: the charity may go to the formal route', async () => {
    await send({ type: 'MEDIATION_FAILED', reason: 'The parties could not agree on the notice period.' }, p.mediator.token);
    await expectBanners('mediation-failed', {
      charity: { text: 'Nobody has to act by a deadline now. You may: escalate to a formal mechanism, add a note, refer to a mediator and withdraw the case.', action: 'Escalate to a formal mechanism' },
      board: { text: /^Nobody has to act/, action: null },
    });
  });

  it('at the ombudsman: nothing is left to do in the service but notes and, for the charity, recording the outcome', async () => {
    await send({ type: 'ESCALATE_FORMAL', route: 'ombudsman', body: 'Local Government and Social Care Ombudsman', reference: 'LGSCO-26-000123' }, p.vcs.token);
    for (const who of ['charity', 'council', 'mediator', 'board'] as Person[]) {
      const got = await bannerOf(who, 'formal');
      expect({ who, text: got.text }).toEqual({ who, text: expect.not.stringMatching(/^Your move|^Waiting for/) });
      if (who === 'board') expect(got.action).toBeNull();
    }
  });
});
