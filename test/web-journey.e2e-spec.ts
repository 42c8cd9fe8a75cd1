import { Page } from 'playwright-core';
import { download, PageChecker } from './support/browser';
import { parseCsvLine } from './support/csv';
import { Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { answerJourney, raiseFromCheck } from './support/raise-journey';
import { act, bannerText, deadlines, escalationPath, timelineTitles } from './support/web-case-page';
import { signIn } from './support/web-sign-in';

/*
 * The journey of issue 4 in a real browser on the real app: a VCS organisation raises a breach of
 * 4.5 against the council, negotiation fails, Compact Voice mediates and fails, the claimant goes to
 * the ombudsman, and the governance board reads the verified history and exports it.
 *
 * The VCS user's browser has JavaScript turned OFF for the whole journey: every form it submits
 * (sign-in, raising the case, rejecting, declaring failure, referring, escalating) works without it.
 */
jest.setTimeout(90_000);

describe('web journey: a breach of 4.5 from sign-in to the ombudsman, read and exported by the board', () => {
  const h = new WebHarness('journey');
  const { receiver, clock } = h;
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;

  const EMAIL = { vcs: 'user1@example.org', council: 'user3@example.org', mediator: 'user5@example.org', board: 'user7@example.org' };
  const TITLE = 'Funding ended without three months notice';

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
  });
  afterAll(() => h.stop());

  const personPage = (javaScriptEnabled = true): Promise<Page> => h.page(javaScriptEnabled);

  /** Lets some time pass between steps, as in real life (well inside the deadlines and sessions). */
  const later = (minutes = 20) => clock.advance(minutes * 60_000);

  it('runs the whole escalation path through the pages', async () => {
    // --- The VCS user (no JavaScript) signs in by the emailed link and raises the case.
    const vcs = await personPage(false);
    await vcs.goto('/');
    await checker.check(vcs, 'start');
    // The GOV.UK template marks <body> with js-enabled from an inline script: not here.
    expect(await vcs.locator('body').getAttribute('class')).not.toMatch(/js-enabled/);
    await vcs.getByRole('button', { name: 'Start now' }).click();
    await signIn(vcs, receiver, EMAIL.vcs, t.baseUrl, checker, 'vcs-sign-in');
    await checker.check(vcs, 'vcs-cases-empty');
    expect(await vcs.getByRole('heading', { name: 'You have no cases yet' }).isVisible()).toBe(true);

    await vcs.getByRole('link', { name: 'Raise a case' }).click();
    // One question a page, each checked with axe, without JavaScript.
    await answerJourney(
      vcs,
      {
        respondent: 'Southampton City Council',
        kind: 'breach',
        undertakings: ['4.5'],
        title: TITLE,
        summary: 'Our grant was ended with two weeks notice and no written rationale.',
        outcome: 'Reinstate funding for the notice period.',
        aware: ['2', '11', '2026'],
      },
      { checker, label: 'vcs-raise', start: false },
    );
    await raiseFromCheck(vcs);
    await checker.check(vcs, 'vcs-case-raised-confirmation');
    expect(await vcs.locator('.govuk-panel__title').innerText()).toBe('Case raised');
    expect(await vcs.locator('#what-next').innerText()).toBe('Waiting for Southampton City Council to acknowledge the case, by Tuesday 8 December 2026.');
    const caseId = /\/cases\/new\/raised\/([0-9a-f-]{36})$/.exec(vcs.url())![1];
    const casePath = `/cases/${caseId}`;
    await vcs.getByRole('button', { name: 'Go to the case' }).click();
    await checker.check(vcs, 'vcs-case-raised');
    expect(await vcs.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);
    expect(await escalationPath(vcs)).toEqual({ current: ['Raised'], passed: [] });
    const raisedDeadlines = await deadlines(vcs);
    expect(raisedDeadlines).toContainEqual(
      expect.objectContaining({ what: 'Southampton City Council must acknowledge the case', dueBy: 'Tuesday 8 December 2026', left: '5' }),
    );
    expect(await vcs.locator('.govuk-summary-list').innerText()).toMatch(/Against\s+Southampton City Council \(respondent\)/);

    // The case as stored matches the form.
    const stored = (await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body;
    expect(stored).toMatchObject({
      kind: 'breach',
      title: TITLE,
      becameAwareOn: '2026-11-02',
      statePath: 'raised.awaitingAcknowledgement',
      desiredOutcome: 'Reinstate funding for the notice period.',
    });
    expect(stored.citedUndertakings.map((u: any) => u.id)).toEqual(['4.5']);

    // --- The council officer signs in (second browser profile, JavaScript on), acknowledges and proposes.
    later();
    const council = await personPage();
    await signIn(council, receiver, EMAIL.council, t.baseUrl, checker, 'council-sign-in');
    await checker.check(council, 'council-cases');
    await council.getByRole('link', { name: stored.reference }).click();
    await council.waitForURL(new RegExp(`${casePath}$`));
    await checker.check(council, 'council-case');
    await act(council, 'ACKNOWLEDGE', (f) => f.getByLabel('Note (optional)').fill('Received; we will look at the notice given.'));
    await checker.check(council, 'council-acknowledged');
    expect(await bannerText(council)).toContain('Done: Acknowledge the case.');
    expect(await escalationPath(council)).toEqual({ current: ['Negotiation'], passed: ['Raised'] });

    later();
    await act(council, 'PROPOSE_RESOLUTION', (f) => f.getByLabel('Proposal').fill('One month of funding while we review the decision.'));
    await checker.check(council, 'council-proposed');
    expect(await deadlines(council)).toContainEqual(
      expect.objectContaining({ what: "Hope Community Trust must answer Southampton City Council's proposal", dueBy: expect.stringMatching(/^\w+day \d{1,2} December 2026$/), left: expect.stringMatching(/^\d+$/) }),
    );

    // --- The VCS user rejects the proposal and declares negotiation failed, then refers to Compact Voice.
    later();
    await vcs.goto(casePath);
    await checker.check(vcs, 'vcs-proposal-pending');
    await act(vcs, 'REJECT_RESOLUTION', (f) => f.getByLabel('Reason').fill('One month does not cover the three months notice we are owed.'));
    await checker.check(vcs, 'vcs-rejected');
    expect(await bannerText(vcs)).toContain('Done: Reject the proposal.');
    later();
    await act(vcs, 'DECLARE_NEGOTIATION_FAILED', (f) => f.getByLabel('Reason').fill('Two rounds have not moved either position.'));
    await checker.check(vcs, 'vcs-negotiation-failed');
    later();
    await act(vcs, 'REFER_TO_MEDIATION', async (f) => {
      await f.getByLabel('Mediator organisation').selectOption({ label: 'Compact Voice' });
      await f.getByLabel('Reason (optional)').fill('Negotiation has stalled.');
    });
    await checker.check(vcs, 'vcs-referred');
    expect(await escalationPath(vcs)).toEqual({ current: ['Mediation'], passed: ['Raised', 'Negotiation'] });
    expect(await vcs.locator('.govuk-summary-list').innerText()).toMatch(/Mediator\s+Compact Voice/);
    expect(await deadlines(vcs)).toContainEqual(
      expect.objectContaining({ what: 'Compact Voice must accept or decline the referral', dueBy: expect.stringMatching(/December 2026$/), left: expect.stringMatching(/^\d+$/) }),
    );

    // --- The mediator signs in, accepts, and records that mediation failed.
    later();
    const mediator = await personPage();
    await signIn(mediator, receiver, EMAIL.mediator, t.baseUrl, checker, 'mediator-sign-in');
    await mediator.goto(casePath);
    await checker.check(mediator, 'mediator-case');
    await act(mediator, 'MEDIATOR_ACCEPT');
    await checker.check(mediator, 'mediator-accepted');
    later(60);
    await act(mediator, 'MEDIATION_FAILED', (f) => f.getByLabel('Reason').fill('The parties could not agree on the notice period.'));
    await checker.check(mediator, 'mediator-failed');
    expect(await bannerText(mediator)).toContain('Done: Record that mediation failed.');
    // What is left for the mediator once mediation has ended: a note, nothing that moves the case.
    expect(await mediator.locator('details[id^="action-"]').evaluateAll((ds) => ds.map((d) => d.id))).toEqual(['action-add_note']);

    // --- The claimant escalates to the ombudsman.
    later();
    await vcs.goto(casePath);
    await act(vcs, 'ESCALATE_FORMAL', async (f) => {
      await f.getByLabel('The relevant ombudsman').check();
      await f.getByLabel('Name of the body').fill('Local Government and Social Care Ombudsman');
      await f.getByLabel('Its reference').fill('LGSCO-26-000123');
    });
    await checker.check(vcs, 'vcs-escalated');
    expect(await bannerText(vcs)).toContain('Done: Escalate to a formal mechanism.');
    expect(await escalationPath(vcs)).toEqual({ current: ['Formal route or ombudsman'], passed: ['Raised', 'Negotiation', 'Mediation'] });

    const history = (await t.api.get(`/api/v1/cases/${caseId}/history`, p.board.token)).body.entries as any[];
    const EVENTS = [
      'CASE_RAISED', 'ACKNOWLEDGE', 'PROPOSE_RESOLUTION', 'REJECT_RESOLUTION', 'DECLARE_NEGOTIATION_FAILED',
      'REFER_TO_MEDIATION', 'MEDIATOR_ACCEPT', 'MEDIATION_FAILED', 'ESCALATE_FORMAL',
    ];
    expect(history.map((e) => e.eventType)).toEqual(EVENTS);
    expect(history.find((e) => e.eventType === 'ESCALATE_FORMAL').payload).toEqual({
      route: 'ombudsman',
      body: 'Local Government and Social Care Ombudsman',
      reference: 'LGSCO-26-000123',
    });
    expect(history.find((e) => e.eventType === 'REFER_TO_MEDIATION').payload.mediatorOrganisationId).toBe(p.orgs.mediator);

    // --- The board member signs in and reads the whole history, verified.
    later();
    const board = await personPage();
    await signIn(board, receiver, EMAIL.board, t.baseUrl, checker, 'board-sign-in');
    // The list's filters (a GET form) find the case by its stage and undertaking, and not by another stage.
    const filter = async (stage: string, undertaking: string) => {
      await board.getByLabel('Stage').selectOption({ label: stage });
      await board.getByLabel('Undertaking').selectOption({ value: undertaking });
      await Promise.all([board.waitForNavigation(), board.getByRole('button', { name: 'Filter cases' }).click()]);
    };
    await filter('Negotiation', '4.5');
    await checker.check(board, 'board-cases-filtered-out');
    expect(await board.getByText('No cases match these filters.').isVisible()).toBe(true);
    await filter('Formal route', '4.5');
    await checker.check(board, 'board-cases-filtered');
    expect(Object.fromEntries(new URL(board.url()).searchParams)).toMatchObject({ stage: 'formal', undertaking: '4.5' });
    expect(await board.locator('tbody tr').count()).toBe(1);
    expect(await board.locator('tbody tr').innerText()).toMatch(/Formal route: under consideration\s+Hope Community Trust v Southampton City Council/);
    await board.getByRole('link', { name: stored.reference }).click();
    await board.waitForURL(new RegExp(`${casePath}$`));
    await checker.check(board, 'board-case');
    expect(await board.locator('#history ~ p .govuk-tag').first().innerText()).toBe('Verified');
    expect(await board.getByText(`All ${EVENTS.length} entries of this history are exactly as recorded`).isVisible()).toBe(true);
    expect(await timelineTitles(board)).toEqual(
      [
        // In the past tense, by organisation.
        'Hope Community Trust raised the case', 'Southampton City Council acknowledged the case',
        'Southampton City Council proposed a resolution', 'Hope Community Trust rejected the proposal',
        'Hope Community Trust declared negotiation failed', 'Hope Community Trust referred to a mediator',
        'Compact Voice accepted the referral', 'Compact Voice recorded that mediation failed',
        'Hope Community Trust escalated to a formal mechanism',
      ].reverse(),
    );
    const timelineText = await board.locator('.moj-timeline').innerText();
    expect(timelineText).toContain('Mediator organisation: Compact Voice');
    expect(timelineText).toContain('Its reference: LGSCO-26-000123');
    expect(timelineText).toContain('by User 1 (Hope Community Trust)'); // the person, with their organisation
    expect(await board.getByText('Board members can read every case but do not take part in it.').isVisible()).toBe(true);
    expect(await board.locator('details[id^="action-"]').count()).toBe(0);

    await board.getByRole('link', { name: 'Print-friendly history' }).click();
    await board.getByRole('heading', { name: `History of case ${stored.reference}` }).waitFor();
    await checker.check(board, 'board-print');
    expect(await board.locator('table tbody tr').count()).toBe(EVENTS.length);
    expect(await board.getByText(`All ${EVENTS.length} steps of this history are exactly as recorded`).isVisible()).toBe(true);
    expect(await board.locator('code').innerText()).toBe(history[history.length - 1].hash);

    await board.getByRole('link', { name: 'Governance board' }).click();
    await board.getByRole('heading', { name: 'Governance board', level: 1 }).waitFor();
    await checker.check(board, 'board-figures');
    const figures = await board.locator('main').innerText();
    expect(figures).toContain('Figures for the 1 case');
    const rowOf = async (caption: string, name: string) =>
      (await board.locator(`table:has(caption:text("${caption}")) tr:has(th:text-is("${name}"))`).innerText()).replace(/\s+/g, ' ').trim();
    expect(await rowOf('Number of cases at each stage', 'Formal route')).toBe('Formal route 1');
    expect(await rowOf('Number of cases at each stage', 'Negotiation')).toBe('Negotiation 0');
    // Each undertaking with its short text.
    const cited = (await board.locator('table:has(caption:text("Number of cases citing each undertaking")) tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(cited).toEqual([expect.stringMatching(/^4\.5 Give at least three months notice .+ 1$/)]);
    expect(await rowOf('Number of cases each organisation takes part in, by part', 'Hope Community Trust')).toBe('Hope Community Trust 1 as claimant 0 as respondent 0 as mediator');
    expect(await rowOf('Number of cases each organisation takes part in, by part', 'Southampton City Council')).toBe('Southampton City Council 0 as claimant 1 as respondent 0 as mediator');
    expect(await rowOf('Number of cases each organisation takes part in, by part', 'Compact Voice')).toBe('Compact Voice 0 as claimant 0 as respondent 1 as mediator');
    // Minutes on the test's clock: raised 10:00-10:20, negotiation 10:20-11:40, mediation 11:40-13:20.
    expect(await rowOf('Median number of days a case spent in each stage, over stays that have ended', 'Raised')).toBe('Raised 0 1');
    expect(await rowOf('Median number of days a case spent in each stage, over stays that have ended', 'Negotiation')).toBe('Negotiation 0.1 1');
    expect(await rowOf('Median number of days a case spent in each stage, over stays that have ended', 'Mediation')).toBe('Mediation 0.1 1');
    expect(await rowOf('Median number of days a case spent in each stage, over stays that have ended', 'Formal route')).toBe(
      'Formal route No case has left this stage yet 0',
    );
    expect(figures).toContain('Of 3 deadlines that have ended, 3 were met and 0 were missed.');
    // What those are, from the installed versions' own deadlines (v2's agreed actions too), not a fixed list.
    expect(await board.locator('#deadlines-counted li').allInnerTexts()).toEqual(
      expect.arrayContaining(['The respondent acknowledges the case', 'The mediator accepts or declines the referral', 'An agreed action is due']),
    );

    // --- The exports, downloaded through the page's links.
    const csv = await download(board, () => board.getByRole('link', { name: 'one row per step (CSV)' }).click());
    expect(csv.name).toBe('case-histories.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    const header = lines[0].split(',');
    expect(header).toEqual([
      'case_reference', 'case_id', 'seq', 'at', 'actor_type', 'actor_role', 'actor_user_id', 'actor_organisation_id',
      'event_type', 'from_state', 'to_state', 'payload', 'prev_hash', 'hash', 'chain_valid', 'workflow',
    ]);
    const rows = lines.slice(1).map((l) => parseCsvLine(l)).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    const ours = rows.filter((r) => r.case_id === caseId);
    expect(ours.map((r) => r.event_type)).toEqual(EVENTS);
    expect(ours.map((r) => r.hash)).toEqual(history.map((e) => e.hash));
    expect(ours.map((r) => r.prev_hash)).toEqual(history.map((e) => e.prevHash ?? ''));
    expect(ours.every((r) => r.chain_valid === 'true' && r.case_reference === stored.reference)).toBe(true);
    expect(JSON.parse(ours.find((r) => r.event_type === 'REJECT_RESOLUTION')!.payload)).toEqual({
      reason: 'One month does not cover the three months notice we are owed.',
    });

    const json = await download(board, () => board.getByRole('link', { name: 'JSON' }).click());
    expect(json.name).toBe('case-histories.json');
    const exported = JSON.parse(json.text);
    const exportedCase = exported.cases.find((c: any) => c.id === caseId);
    expect(exportedCase).toMatchObject({ reference: stored.reference, state: 'formal.underConsideration', undertakings: ['4.5'] });
    expect(exportedCase.verification).toEqual({ valid: true, entries: EVENTS.length });
    expect(exportedCase.history).toEqual(history);

    expect(checker.visited.length).toBeGreaterThanOrEqual(25);
  });
});
