import { FireDueTimersUseCase } from '@compact/application';
import { Browser, Page } from 'playwright-core';
import { download, launchBrowser, newContext, PageChecker } from './support/browser';
import { CaseFactory, Step } from './support/case-factory';
import { parseCsv } from './support/csv';
import { ManualClock } from './support/manual-clock';
import { Parties, seedParties } from './support/parties.fixture';
import { ensureBuilt } from './support/server-process';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { actionForm, escalationPath, timelineTitles } from './support/web-case-page';
import { UNTHROTTLED_SIGN_IN } from './support/web-harness';
import { signIn, waitForMail } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * One deployment with cases on compact-dispute v1 and v2 side by side. The service first runs with
 * WORKFLOW_DEFAULT=compact-dispute/v1 and five cases are raised on v1; it is then restarted on the
 * same database with the default (v2) and five more are raised on v2. Each version has cases
 * raised, in negotiation, in mediation and resolved; one v2 case follows an agreed action up
 * (monitoring, a state v1 does not have). The board's figures, the case list's filters, every case
 * page, the deadline mail and the exports must read each case through its own version; a v1 case
 * keeps taking v1 events (and refusing v2-only ones) after the restart.
 */
const V1 = { name: 'compact-dispute', version: 1 };
const V2 = { name: 'compact-dispute', version: 2 };
const EMAIL = { council: 'user3@example.org', board: 'user7@example.org' };

const ACKNOWLEDGED: Step[] = [['ACKNOWLEDGE', 'respondent']];
const IN_MEDIATION: Step[] = [
  ...ACKNOWLEDGED,
  ['DECLARE_NEGOTIATION_FAILED', 'claimant'],
  ['REFER_TO_MEDIATION', 'claimant'],
  ['MEDIATOR_ACCEPT', 'mediator'],
];
/** A proposal without actions, accepted: resolved on either version. */
const RESOLVED: Step[] = [...ACKNOWLEDGED, ['PROPOSE_RESOLUTION', 'claimant'], ['ACCEPT_RESOLUTION', 'respondent']];

const TERMS = [{ party: 'respondent', action: 'Confirm three months of funding in writing.', due: { workingDaysAfterAgreement: 10 } }];

type Key = 'v1Raised' | 'v1Negotiation' | 'v1Continued' | 'v1Mediation' | 'v1Resolved' | 'v2Raised' | 'v2Negotiation' | 'v2Mediation' | 'v2Resolved' | 'v2Monitoring';

describe('a deployment with cases on v1 and v2 side by side: board figures, filters, pages, mail and exports', () => {
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z')); // a Tuesday
  const receiver = new SmtpReceiver();
  let db: TestDatabase;
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;
  let browser: Browser;
  let checker: PageChecker;
  const ids = {} as Record<Key, string>;
  const refs = {} as Record<Key, string>;
  const keys = () => Object.keys(ids) as Key[];
  const versionOf = (key: Key) => (key.startsWith('v1') ? V1 : V2);
  const byId = (id: string) => keys().find((k) => ids[k] === id);

  async function raise(key: Key, steps: Step[], overrides: Record<string, unknown> = {}) {
    const view = await f.raise({ title: `Case ${key}`, ...overrides });
    for (const step of steps) await f.step(view.id, step);
    ids[key] = view.id;
    refs[key] = view.reference;
  }
  const view = async (key: Key, token = p.board.token) => (await t.api.get(`/api/v1/cases/${ids[key]}`, token)).body;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    const [smtpUrl, launched] = await Promise.all([receiver.start(), launchBrowser()]);
    browser = launched;
    checker = new PageChecker(browser, 'mixed-versions');

    // --- The service as it ran while v1 was the version new cases started on.
    const first = await startTestApp({ db, clock, env: { WORKFLOW_DEFAULT: 'compact-dispute/v1' } });
    t = first;
    p = await seedParties(first.api);
    f = new CaseFactory(first.api, p);
    expect((await first.api.get('/health')).body.workflow).toBe('compact-dispute/v1');
    await raise('v1Raised', []);
    await raise('v1Negotiation', ACKNOWLEDGED);
    await raise('v1Continued', ACKNOWLEDGED);
    await raise('v1Mediation', IN_MEDIATION);
    await raise('v1Resolved', RESOLVED);
    // Already on v1 as default, what spans cases covers every installed version, in escalation order.
    const docs = (await first.api.get('/api/docs-json')).body;
    const stateParam = docs.paths['/api/v1/cases'].get.parameters.find((x: any) => x.name === 'state');
    expect(stateParam.schema.enum).toEqual(['raised', 'negotiation', 'mediation', 'formal', 'monitoring', 'resolved', 'closed']);
    expect((await first.api.get('/api/v1/cases?state=monitoring', p.board.token)).body.items).toEqual([]);
    const onV1Default = (await first.api.get('/api/v1/board/statistics', p.board.token)).body;
    expect(onV1Default.byStage.map((s: any) => s.stage)).toEqual(stateParam.schema.enum);
    await first.close();

    // --- Restarted on the same database with the default version (v2), mail now delivered.
    clock.advance(60 * 60_000);
    t = await startTestApp({
      db,
      clock,
      workers: true,
      env: { SMTP_URL: smtpUrl, OUTBOX_POLL_INTERVAL_MS: '100', TIMER_POLL_INTERVAL_MS: '3600000', ...UNTHROTTLED_SIGN_IN },
    });
    f = new CaseFactory(t.api, p);
    expect((await t.api.get('/health')).body.workflow).toBe('compact-dispute/v2');
    const both = { undertakings: ['4.5', '3.11a'] };
    await raise('v2Raised', [], both);
    await raise('v2Negotiation', ACKNOWLEDGED, both);
    await raise('v2Mediation', IN_MEDIATION, both);
    await raise('v2Resolved', RESOLVED, both);
    await raise('v2Monitoring', ACKNOWLEDGED, both);
    expect((await f.send(ids.v2Monitoring, 'PROPOSE_RESOLUTION', 'claimant', { proposal: 'Funding continues for three months.', terms: TERMS })).status).toBe(200);
    expect((await f.send(ids.v2Monitoring, 'ACCEPT_RESOLUTION', 'respondent', {})).status).toBe(200);
  });

  afterAll(async () => {
    await checker?.close();
    await browser?.close();
    await t?.close();
    await receiver.stop();
    await db?.drop();
  });

  it('keeps every case on the version it was raised on, and states only the case’s own version has', async () => {
    for (const key of keys()) {
      const c = await view(key);
      expect([key, c.workflow]).toEqual([key, versionOf(key)]);
    }
    const history = (await t.api.get(`/api/v1/cases/${ids.v1Resolved}/history`, p.board.token)).body.entries;
    expect(history[0]).toMatchObject({ eventType: 'CASE_RAISED', payload: { workflow: 'compact-dispute/v1' } });
    expect(await view('v2Monitoring')).toMatchObject({ state: 'monitoring', outcome: 'monitoring', workflow: V2 });
  });

  it('offers each party the actions of its case’s own version', async () => {
    // The same stage on both versions: v2 lets the respondent ask for more time to acknowledge, v1 does not.
    expect((await view('v1Raised', p.council.token)).allowedEvents.sort()).toEqual(['ACKNOWLEDGE', 'ADD_NOTE']);
    expect((await view('v2Raised', p.council.token)).allowedEvents).toEqual(expect.arrayContaining(['ACKNOWLEDGE', 'REQUEST_EXTENSION']));
    // The action the council owes in monitoring is its to report done; no v1 case ever offers that.
    expect((await view('v2Monitoring', p.council.token)).allowedEvents).toContain('ACTION_DONE');
    for (const key of keys().filter((k) => k.startsWith('v1'))) {
      for (const token of [p.vcs.token, p.council.token]) expect([key, (await view(key, token)).allowedEvents.includes('ACTION_DONE')]).toEqual([key, false]);
    }
  });

  it('lets a v1 case go on with v1 events after the restart: it stays on v1 and refuses what only v2 knows', async () => {
    const before = await view('v1Continued');
    const withTerms = await f.send(ids.v1Continued, 'PROPOSE_RESOLUTION', 'claimant', { proposal: 'Three months of funding.', terms: TERMS });
    expect(withTerms.status).toBe(400);
    expect(withTerms.body.code).toBe('VALIDATION_FAILED');
    expect(withTerms.body.errors.map((e: any) => e.field)).toEqual(['terms']);
    const v2Only = await f.send(ids.v1Negotiation, 'ACTION_DONE', 'respondent', { actionId: 'a1' });
    expect(v2Only.status).toBe(400);
    expect(v2Only.body.errors).toEqual([expect.objectContaining({ field: 'type', message: expect.stringContaining('compact-dispute/v1') })]);
    expect((await view('v1Continued')).version).toBe(before.version);

    const proposed = await f.send(ids.v1Continued, 'PROPOSE_RESOLUTION', 'claimant', { proposal: 'Three months of funding.' });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ statePath: 'negotiation.proposalPending', workflow: V1 });
    const accepted = await f.send(ids.v1Continued, 'ACCEPT_RESOLUTION', 'respondent', {});
    expect(accepted.status).toBe(200);
    // v1 has no follow-up of agreements: an accepted proposal resolves the case.
    expect(accepted.body).toMatchObject({ state: 'resolved', outcome: 'resolved', workflow: V1 });
  });

  it('misses the acknowledgement deadlines of both versions and mails each through its own definition', async () => {
    clock.set('2026-12-09T10:00:00Z'); // the 5 working days of both raised cases ended on Tuesday 8 December
    const timers = t.app.get(FireDueTimersUseCase);
    for (let i = 0; i < 5 && (await view('v1Raised')).statePath !== 'raised.acknowledgementOverdue'; i += 1) await timers.runOnce();
    for (const key of ['v1Raised', 'v2Raised'] as const) {
      const c = await view(key);
      expect([key, c.statePath, c.workflow]).toEqual([key, 'raised.acknowledgementOverdue', versionOf(key)]);
      const mail = await waitForMail(receiver, (m) => m.subject === `[${refs[key]}] Deadline passed: the respondent acknowledges the case`);
      expect(mail.to).toEqual([EMAIL.council]);
      expect(mail.body).toContain(`The case is now: ${c.stateLabel}.`);
    }
  });

  /** raised 2, negotiation 2, mediation 2, monitoring 1 (v2 only), resolved 3 (two v1, one v2). */
  const AT_STAGE: Record<string, Key[]> = {
    raised: ['v1Raised', 'v2Raised'],
    negotiation: ['v1Negotiation', 'v2Negotiation'],
    mediation: ['v1Mediation', 'v2Mediation'],
    formal: [],
    monitoring: ['v2Monitoring'],
    resolved: ['v1Continued', 'v1Resolved', 'v2Resolved'],
    closed: [],
  };

  it('counts both versions at each stage in the board’s figures (API)', async () => {
    const res = await t.api.get('/api/v1/board/statistics', p.board.token);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.totalCases).toBe(10);
    expect(s.byStage.map((x: any) => [x.stage, x.count])).toEqual(Object.entries(AT_STAGE).map(([stage, cases]) => [stage, cases.length]));
    expect(s.byStage.find((x: any) => x.stage === 'monitoring').label).toBe('Agreement being carried out');
    expect(s.byUndertaking.map((u: any) => [u.undertaking, u.count])).toEqual([
      ['4.5', 10],
      ['3.11a', 5],
    ]);
    // Who missed them, each case's own version saying who had to act: the council, one acknowledgement on each version.
    expect(s.missedByOrganisation).toEqual([expect.objectContaining({ organisationId: p.orgs.council, deadlines: 2, cases: 2 })]);
    expect(s.headline).toMatchObject({ open: 6, resolved: 4, withdrawn: 0 });
    expect(s.resolvedAtStage.map((x: any) => [x.stage, x.count])).toEqual([['negotiation', 4]]);
    // Met: 8 acknowledgements, 4 proposals accepted, 2 referrals accepted by the mediator; missed: one acknowledgement on each version.
    expect(s.deadlines).toMatchObject({ met: 14, missed: 2 });
    expect(s.deadlines.counted).toContain('An agreed action is due');
    // Every stage a case can leave, of either version (closed is final in both).
    expect(s.medianDaysInStage.map((x: any) => x.stage)).toEqual(['raised', 'negotiation', 'mediation', 'formal', 'monitoring', 'resolved']);
    expect(s.byOrganisation.find((o: any) => o.organisationId === p.orgs.mediator)).toMatchObject({ asClaimant: 0, asRespondent: 0, asMediator: 2 });
    expect((await t.api.get('/api/v1/board/statistics', p.vcs.token)).status).toBe(403);
  });

  it('filters the case list by stage across versions (API)', async () => {
    for (const [state, cases] of Object.entries(AT_STAGE)) {
      const res = await t.api.get(`/api/v1/cases?state=${state}&limit=100`, p.board.token);
      expect(res.status).toBe(200);
      const items = res.body.items as any[];
      expect([state, items.map((c) => byId(c.id)).sort()]).toEqual([state, [...cases].sort()]);
      for (const c of items) expect([c.state, c.workflow]).toEqual([state, versionOf(byId(c.id)!)]);
    }
    // The claimant's own view, and the other filters, cover both versions too.
    const resolvedForVcs = (await t.api.get('/api/v1/cases?state=resolved', p.vcs.token)).body.items;
    expect(resolvedForVcs.map((c: any) => byId(c.id)).sort()).toEqual([...AT_STAGE.resolved].sort());
    const viaMediator = (await t.api.get(`/api/v1/cases?organisation=${p.orgs.mediator}`, p.board.token)).body.items;
    expect(viaMediator.map((c: any) => byId(c.id)).sort()).toEqual(['v1Mediation', 'v2Mediation']);
    const citing = (await t.api.get('/api/v1/cases?undertaking=3.11a&limit=100', p.board.token)).body.items;
    expect(citing.map((c: any) => byId(c.id)).every((k: Key) => k.startsWith('v2'))).toBe(true);
    expect(citing).toHaveLength(5);
    const wrong = await t.api.get('/api/v1/cases?state=proposalPending', p.board.token);
    expect([wrong.status, wrong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  describe('in the browser', () => {
    let board: Page;
    let council: Page;

    beforeAll(async () => {
      [board, council] = await Promise.all(
        [EMAIL.board, EMAIL.council].map(async (email) => {
          const page = await (await newContext(browser, t.baseUrl)).newPage();
          await signIn(page, receiver, email, t.baseUrl);
          return page;
        }),
      );
    });

    const rowOf = async (caption: string, name: string) =>
      (await board.locator(`table:has(caption:text("${caption}")) tr:has(th:text-is("${name}"))`).innerText()).replace(/\s+/g, ' ').trim();
    const listed = async (page: Page) => (await page.locator('tbody tr td:first-child').allInnerTexts()).map((r) => r.trim());
    const refsOf = (cases: Key[]) => cases.map((k) => refs[k]).sort();

    it('shows the same figures on /board', async () => {
      await board.goto('/board');
      await checker.check(board, 'board');
      expect(await board.locator('main').innerText()).toContain('Figures for all 10 cases');
      const counts = { Raised: 2, Negotiation: 2, Mediation: 2, 'Formal route': 0, 'Agreement being carried out': 1, Resolved: 3, Closed: 0 };
      for (const [label, n] of Object.entries(counts)) expect(await rowOf('Number of cases at each stage', label)).toBe(`${label} ${n}`);
      expect(await board.locator('table:has(caption:text("Number of cases at each stage")) tbody th').allInnerTexts()).toEqual(Object.keys(counts));
      const cited = await board.locator('table:has(caption:text("Number of cases citing each undertaking")) tbody tr:has(.app-undertaking-id:text-is("3.11a"))').innerText();
      expect(cited.replace(/\s+/g, ' ').trim()).toMatch(/^3\.11a Demonstrate how funding arrangements .+ 5$/);
      expect(await board.locator('main').innerText()).toContain('Of 16 deadlines that have ended, 14 were met and 2 were missed.');
      expect(await board.locator('#deadlines-counted li').allInnerTexts()).toContain('An agreed action is due');
    });

    it('lists the cases of both versions under each stage filter on /cases, and the missed deadlines of both', async () => {
      await board.goto('/cases');
      await checker.check(board, 'cases');
      const options = (await board.locator('#stage option').allInnerTexts()).map((o) => o.trim());
      expect(options).toEqual(['Any stage', 'Raised', 'Negotiation', 'Mediation', 'Formal route', 'Agreement being carried out', 'Resolved', 'Closed']);
      expect((await listed(board)).sort()).toEqual(refsOf(keys()));
      for (const [stage, cases] of Object.entries(AT_STAGE)) {
        await board.goto(`/cases?stage=${stage}`);
        expect([stage, (await listed(board)).sort()]).toEqual([stage, refsOf(cases)]);
      }
      // Through the form, as a person filters.
      await board.goto('/cases');
      await board.locator('#stage').selectOption({ label: 'Resolved' });
      await board.getByRole('button', { name: 'Filter cases' }).click();
      await board.waitForURL(/stage=resolved/);
      expect((await listed(board)).sort()).toEqual(refsOf(AT_STAGE.resolved));
      await board.goto('/cases?overdue=yes');
      await checker.check(board, 'cases-overdue');
      expect((await listed(board)).sort()).toEqual(refsOf(['v1Raised', 'v2Raised']));
    });

    it('renders every case page with its stage in its own version’s words and path', async () => {
      const CURRENT: Record<string, string> = { raised: 'Raised', negotiation: 'Negotiation', mediation: 'Mediation', monitoring: 'Agreement carried out', resolved: 'Resolved' };
      for (const key of keys()) {
        const c = await view(key);
        const res = await board.goto(`/cases/${ids[key]}`);
        expect([key, res?.status()]).toEqual([key, 200]);
        // Accessibility and a screenshot for one page of each version (the others share their markup).
        if (key === 'v1Mediation' || key === 'v2Monitoring') await checker.check(board, `case-${key}`);
        expect([key, (await board.locator('.app-tag--stage').innerText()).trim()]).toEqual([key, c.stateLabel]);
        const path = await escalationPath(board);
        expect([key, path.current]).toEqual([key, [CURRENT[c.state]]]);
        const stages = (await board.locator('.app-path li').allInnerTexts()).map((s) => s.split('\n')[0].trim());
        // Only v2 has the stage of an agreement being carried out.
        expect([key, stages.includes('Agreement carried out')]).toEqual([key, versionOf(key) === V2]);
      }
    });

    it('offers the council the forms of each case’s own version', async () => {
      await council.goto(`/cases/${ids.v2Monitoring}`);
      await checker.check(council, 'council-v2-monitoring');
      expect(await actionForm(council, 'ACTION_DONE').count()).toBe(1);
      expect(await council.locator('.app-tag--stage').innerText()).toBe('Agreement being carried out');
      for (const key of keys().filter((k) => k.startsWith('v1'))) {
        await council.goto(`/cases/${ids[key]}`);
        const offered = await council.locator('details[id^="action-"]').evaluateAll((els) => els.map((e) => e.id));
        const seen = await view(key, p.council.token);
        // The workflow's events, and a confidential note while the mediator is mediating (the engine's, for every version).
        const allowed: string[] = [...seen.allowedEvents, ...(seen.confidentialNoteTo.length > 0 ? ['CONFIDENTIAL_NOTE'] : [])];
        expect([key, offered.sort()]).toEqual([key, allowed.map((type) => `action-${type.toLowerCase()}`).sort()]);
        expect([key, offered.includes('action-action_done')]).toEqual([key, false]);
      }
      await council.goto(`/cases/${ids.v1Raised}`);
      await checker.check(council, 'council-v1-raised');
      expect(await actionForm(council, 'ACKNOWLEDGE').count()).toBe(1);
      expect(await actionForm(council, 'REQUEST_EXTENSION').count()).toBe(0);
    });

    it('exports both versions’ cases and histories, each entry with the version it was recorded under', async () => {
      await board.goto('/board');
      const json = await download(board, () => board.getByRole('link', { name: 'JSON' }).click());
      const exported = JSON.parse(json.text);
      expect(exported.exportedAt).toBe(clock.now().toISOString());
      expect(exported.cases.map((c: any) => byId(c.id)).sort()).toEqual([...keys()].sort());
      for (const c of exported.cases) {
        const key = byId(c.id)!;
        const current = await view(key);
        expect([key, c.workflow, c.state, c.verification.valid]).toEqual([key, versionOf(key), current.statePath, true]);
      }

      const csv = parseCsv((await download(board, () => board.getByRole('link', { name: 'one row per step (CSV)' }).click())).text);
      expect(csv.header.slice(-2)).toEqual(['chain_valid', 'workflow']);
      for (const key of keys()) {
        const history = (await t.api.get(`/api/v1/cases/${ids[key]}/history`, p.board.token)).body.entries;
        const rows = csv.rows.filter((r) => r.case_id === ids[key]);
        expect([key, rows.map((r) => [r.event_type, r.to_state, r.hash])]).toEqual([key, history.map((e: any) => [e.eventType, e.toState, e.hash])]);
        const version = `compact-dispute/v${versionOf(key).version}`;
        expect([key, [...new Set(rows.map((r) => r.workflow))]]).toEqual([key, [version]]);
      }
    });
    // Last: it moves one case from v1 to v2, which the figures above do not expect.
    it('shows a migration to v2 on the case page as a step of its history, with its reason', async () => {
      const reason = 'v2 follows agreements up until each action is done';
      const res = await t.api.post('/api/v1/admin/migrations', { from: 'compact-dispute/v1', to: 'compact-dispute/v2', caseId: ids.v1Negotiation, reason }, ADMIN_TOKEN);
      expect(res.status).toBe(200);
      expect((await view('v1Negotiation')).workflow).toEqual(V2);
      await board.goto(`/cases/${ids.v1Negotiation}`);
      await checker.check(board, 'case-migrated');
      expect((await timelineTitles(board))[0]).toBe('Moved to a newer version of the procedure');
      const newest = (await board.locator('.moj-timeline__item').first().innerText()).replace(/\s+/g, ' ');
      expect(newest).toContain(`Reason: ${reason}`);
      expect(newest).toContain('by an administrator');
      expect((await escalationPath(board)).current).toEqual(['Negotiation']);
    });
  });
});
