import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  countedDeadline,
  countedDeadlineLabels,
  FireDueTimersUseCase,
  GetBoardStatisticsUseCase,
  OUTCOME_LABELS,
  shortUndertakingText,
  SignInWithLinkUseCase,
  WorkflowRegistry,
} from '@compact/application';
import { addDays, addMonths, londonMidnight, toLondonDate } from '@compact/calendar';
import { CaseRecord, Store } from '@compact/domain';
import { deadlineOf, InstalledWorkflow } from '@compact/engine';
import { compactDisputeV1, compactDisputeV2 } from '@compact/workflows';
import { boardStatisticsInMemory } from './support/board-oracle';
import { CaseFactory, Placement, PLACEMENTS, Step } from './support/case-factory';
import { parseCsv } from './support/csv';
import { ManualClock } from './support/manual-clock';
import { Parties, seedParties } from './support/parties.fixture';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';
import { V2_PLACEMENTS, V2Placement } from './support/v2-placements';

jest.setTimeout(600_000);

/*
 * The governance board's figures on a database seeded over 30 months (London time, ending this
 * month by the real clock, so the last 24 months are whatever they are today): cases raised on v1
 * for the first 10 months, then on v2, each taken somewhere on its path, and time let pass month
 * by month so that deadlines are missed (every timer fired in due order, as the poller would).
 * Before each deadline passes, the test notes who had to meet it (the case's own workflow
 * definition, asked of the case as it then is): that ledger, and every case read whole, are what
 * the figures and the case list's filters are compared with, with and without a date range.
 */

const MONTHS = 30;
const V1_MONTHS = 10;
const HOUR = 3_600_000;

const V1_ROTATION: Placement[] = ['raised', 'proposalByRespondent', 'awaitingMediator', 'resolved', 'discussing', 'closed', 'proposalByClaimant', 'formal', 'inMediation', 'negotiationFailed'];
const V2_ROTATION: Array<V2Placement | 'withdrawn'> = [
  'raised', 'proposalByClaimant', 'monitoring', 'resolved', 'awaitingMediator', 'withdrawn', 'reopenedInNegotiation', 'proposalByRespondent',
  'monitoringAfterMediation', 'closed', 'resolvedAfterConfirmation', 'discussing',
];
const CITING = [['4.5'], ['3.11a'], ['4.5', '3.11a']];

interface LedgerRow {
  caseId: string;
  deadlineKey: string;
  organisationId: string;
}

describe(`the board's figures against an independent count (${TEST_DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let p: Parties;
  let clock: ManualClock;
  let today: string;
  const ledger: LedgerRow[] = [];
  /** Cases by how they were placed, to check the ledger by hand for a few. */
  const placed = new Map<string, string[]>();
  /** Plain SQL with `?` placeholders, on either database. */
  const q = async (text: string, params: unknown[] = []): Promise<any[]> => {
    let i = 0;
    return t.dataSource.query(TEST_DIALECT === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text, params);
  };

  const store = () => t.app.get(Store);
  const registry = () => t.app.get(WorkflowRegistry);
  const record = async (id: string) => (await store().read((r) => r.cases.findById(id)))!;

  /** Who must meet a deadline timer of the case now, as its workflow's definition says. */
  function mustMeet(c: CaseRecord, key: string): string[] {
    const workflow = registry().of(c) as InstalledWorkflow;
    if (!countedDeadline(workflow, key)) return [];
    const found = deadlineOf(workflow, key)!;
    const parties = { claimant: c.claimantOrganisationId, respondent: c.respondentOrganisationId, mediator: c.mediatorOrganisationId };
    return [...new Set(found.def.mustAct((c.snapshot as { context: unknown }).context, found.instance).map((part) => parties[part]))].filter(
      (o): o is string => o !== null,
    );
  }

  async function pendingDeadlines(caseId: string): Promise<string[]> {
    return (await q("SELECT timer_key AS k FROM case_timers WHERE case_id = ? AND purpose = 'deadline'", [caseId])).map((r) => r.k);
  }

  /** Lets time pass to `until`, firing every timer in due order; notes who had to meet each deadline that passes. */
  async function passTime(until: Date): Promise<void> {
    const timers = t.app.get(FireDueTimersUseCase);
    for (;;) {
      const next = Number((await q('SELECT MIN(due_at) AS d FROM case_timers'))[0].d ?? 0);
      if (next === 0 || next > until.getTime()) break;
      clock.set(new Date(Math.max(next, clock.now().getTime())));
      const due = await q("SELECT case_id AS c, timer_key AS k FROM case_timers WHERE purpose = 'deadline' AND due_at <= ?", [clock.now().getTime()]);
      for (const d of due) {
        const c = await record(d.c);
        for (const organisationId of mustMeet(c, d.k)) ledger.push({ caseId: d.c, deadlineKey: d.k, organisationId });
      }
      for (let i = 0; i < 5; i++) {
        await timers.runOnce();
        if (Number((await q('SELECT COUNT(*) AS n FROM case_timers WHERE due_at <= ?', [clock.now().getTime()]))[0].n) === 0) break;
      }
    }
    if (until.getTime() > clock.now().getTime()) clock.set(until);
  }

  /** A step; one the workflow reads as deadlines not kept (an agreement reported broken) notes who had to meet those it ended. */
  async function step(f: CaseFactory<any>, caseId: string, s: Step): Promise<void> {
    const workflow = registry().of(await record(caseId)) as InstalledWorkflow;
    const missing = workflow.reading.missingEvents.includes(s[0]);
    const before = missing ? await record(caseId) : null;
    const pending = missing ? await pendingDeadlines(caseId) : [];
    // Dates in the examples (a decision's date) are dated today on this clock, so never in its future.
    const [type, by, options] = s;
    const payload = { ...(options?.payload ?? f.payload(type, options?.mediator ?? 'mediator')) };
    if ('decidedOn' in payload) payload.decidedOn = toLondonDate(clock.now());
    await f.step(caseId, [type, by, { ...options, payload }]);
    if (!before) return;
    const still = await pendingDeadlines(caseId);
    for (const key of pending.filter((k) => !still.includes(k))) {
      for (const organisationId of mustMeet(before, key)) ledger.push({ caseId, deadlineKey: key, organisationId });
    }
  }

  async function raiseAt(f: CaseFactory<any>, at: Date, placement: string, steps: readonly Step[], citing: string[]): Promise<void> {
    await passTime(at);
    const aware = addDays(toLondonDate(at), -3);
    const view = await f.raise({ title: `Case placed ${placement}`, undertakings: citing, becameAwareOn: aware });
    placed.set(placement, [...(placed.get(placement) ?? []), view.id]);
    for (const s of steps) {
      clock.advance(2 * HOUR);
      await step(f, view.id, s);
    }
  }

  const monthStart = (i: number, first: string) => addMonths(first, i);
  const at = (date: string, hours: number, minutes = 0) => new Date(londonMidnight(date).getTime() + hours * HOUR + minutes * 60_000);
  const isSummer = (date: string) => Number(date.slice(5, 7)) >= 5 && Number(date.slice(5, 7)) <= 9;

  beforeAll(async () => {
    db = await createTestDatabase();
    const thisMonth = `${toLondonDate(new Date()).slice(0, 7)}-01`;
    const first = addMonths(thisMonth, -MONTHS);
    clock = new ManualClock(at(first, 9));
    // --- The first months on v1, as a deployment that started before v2 was released.
    t = await startTestApp({ db, clock, env: { WORKFLOW_DEFAULT: 'compact-dispute/v1' } });
    p = await seedParties(t.api);
    let summerDone = false;
    for (let i = 0; i < MONTHS; i++) {
      if (i === V1_MONTHS) {
        await t.close();
        t = await startTestApp({ db, clock });
      }
      const v1 = i < V1_MONTHS;
      const f = v1 ? new CaseFactory(t.api, p, compactDisputeV1, PLACEMENTS) : new CaseFactory<V2Placement>(t.api, p, compactDisputeV2, V2_PLACEMENTS);
      const start = monthStart(i, first);
      const placementsOf = (name: string): readonly Step[] =>
        name === 'withdrawn' ? [['ACKNOWLEDGE', 'respondent'], ['WITHDRAW', 'claimant']] : (f.placements as Record<string, readonly Step[]>)[name];
      // A case raised at half past midnight London time on the 1st of a summer month: the day before in UTC, this month in London.
      if (!summerDone && isSummer(start)) {
        summerDone = true;
        await raiseAt(f, at(start, 0, 30), 'midnight', [], ['4.5']);
      }
      const a = v1 ? V1_ROTATION[i % V1_ROTATION.length] : V2_ROTATION[(i - V1_MONTHS) % V2_ROTATION.length];
      await raiseAt(f, at(addDays(start, i % 10), 10), a, placementsOf(a), CITING[i % 3]);
      const b = i % 2 === 0 ? 'resolved' : 'discussing';
      await raiseAt(f, at(addDays(start, (i % 10) + 9), 23, 30), b, placementsOf(b), CITING[(i + 1) % 3]);
    }
    expect(summerDone).toBe(true);
    await passTime(at(addDays(thisMonth, 4), 10));
    today = toLondonDate(clock.now());
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  async function everything() {
    return store().read(async (r) => {
      const cases = await r.cases.list({ visibility: { all: true }, limit: 100_000 });
      return { cases, history: await r.audit.listByCases(cases.map((c) => c.id)), organisations: await r.organisations.list() };
    });
  }

  async function expected(range?: { raisedFrom?: string; raisedTo?: string }) {
    const { cases, history, organisations } = await everything();
    const missed = (await q('SELECT case_id, organisation_id FROM case_missed_deadlines')).map((r) => ({ caseId: r.case_id, organisationId: r.organisation_id }));
    const compact = registry().compact;
    const scope = { stages: registry().stages(), countedDeadlines: countedDeadlineLabels(registry().all()) };
    return boardStatisticsInMemory(cases, history, organisations, scope, { missed, undertakingText: (id) => shortUndertakingText(compact.find(id)!.text), today, range });
  }

  /** Every case the list answers for these filters, page by page (small pages: the cursor is exercised too). */
  async function listed(filters: Record<string, string>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const params: URLSearchParams = new URLSearchParams({ ...filters, limit: '7', ...(cursor ? { cursor } : {}) });
      const res: { status: number; body: any } = await t.api.get(`/api/v1/cases?${params}`, p.board.token);
      expect([filters, res.status]).toEqual([filters, 200]);
      ids.push(...res.body.items.map((c: any) => c.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(ids).size).toBe(ids.length);
    return ids.sort();
  }

  const RANGES = (): Array<{ raisedFrom?: string; raisedTo?: string } | undefined> => {
    const first = addMonths(`${today.slice(0, 7)}-01`, -MONTHS);
    return [
      undefined,
      // From the middle of one month to the middle of another, a year apart.
      { raisedFrom: addDays(addMonths(first, 8), 14), raisedTo: addDays(addMonths(first, 20), 9) },
      // Ended more than 24 months ago: the chart's months end with the range's.
      { raisedTo: addDays(addMonths(first, 4), -1) },
      // Started recently, no end.
      { raisedFrom: addMonths(first, 27) },
    ];
  };

  it('seeded what it meant to: both versions, every outcome, deadlines missed by each side and by a mediator', async () => {
    const { cases } = await everything();
    expect(cases.some((c) => c.workflowVersion === 1) && cases.some((c) => c.workflowVersion === 2)).toBe(true);
    for (const outcome of ['open', 'monitoring', 'resolved', 'withdrawn', 'closed']) expect([outcome, cases.some((c) => c.outcome === outcome)]).toEqual([outcome, true]);
    // By hand: an unacknowledged case, a proposal the other side never answered, a referral no mediator answered, an agreement reported broken.
    const has = (placement: string, key: string, organisationId: string) =>
      (placed.get(placement) ?? []).some((id) => ledger.some((l) => l.caseId === id && l.deadlineKey === key && l.organisationId === organisationId));
    expect(has('raised', 'deadline.acknowledgement', p.orgs.council)).toBe(true);
    expect(has('proposalByRespondent', 'deadline.proposal', p.orgs.vcs)).toBe(true);
    expect(has('proposalByClaimant', 'deadline.proposal', p.orgs.council)).toBe(true);
    expect(has('awaitingMediator', 'deadline.mediator-response', p.orgs.mediator)).toBe(true);
    expect(has('reopenedInNegotiation', 'action.due/a1', p.orgs.council)).toBe(true);
    // The ledger is every deadline the cases count as missed.
    const missed = cases.reduce((sum, c) => sum + c.deadlinesMissed, 0);
    expect(new Set(ledger.map((l) => `${l.caseId} ${l.deadlineKey}`)).size).toBe(missed);
  });

  it('records who had to meet each missed deadline, as the ledger noted it before the deadline passed', async () => {
    const rows = (await q('SELECT case_id, deadline_key, organisation_id FROM case_missed_deadlines')).map((r) => `${r.case_id} ${r.deadline_key} ${r.organisation_id}`);
    expect(rows.sort()).toEqual(ledger.map((l) => `${l.caseId} ${l.deadlineKey} ${l.organisationId}`).sort());
  });

  it('gives the figures of the in-memory count, over every case and over ranges of London dates (use case and API)', async () => {
    const board = (await store().read((r) => r.users.findById(p.board.userId)))!;
    for (const range of RANGES()) {
      const want = await expected(range);
      expect([range, await t.app.get(GetBoardStatisticsUseCase).execute({ user: board }, range)]).toEqual([range, want]);
      const res = await t.api.get(`/api/v1/board/statistics?${new URLSearchParams(Object.entries(range ?? {}) as Array<[string, string]>)}`, p.board.token);
      expect([range, res.status, res.body]).toEqual([range, 200, want]);
    }
  });

  it('counts non-trivial figures: 24 months ending this month, a median age, resolved stages, missed deadlines by organisation', async () => {
    const s = await expected();
    expect(s.raisedByMonth).toHaveLength(24);
    expect(s.raisedByMonth[23].month).toBe(today.slice(0, 7));
    expect(s.raisedByMonth.reduce((sum, m) => sum + m.count, 0)).toBeGreaterThan(40);
    expect(s.headline.medianAgeDays).toBeGreaterThan(0);
    expect(s.resolvedAtStage.length).toBeGreaterThanOrEqual(3);
    expect(s.missedByOrganisation.map((o) => o.organisationId)).toEqual(expect.arrayContaining([p.orgs.council, p.orgs.vcs, p.orgs.mediator]));
    // A range that ended long ago: its chart ends in its last month, the months before any case at 0.
    const old = RANGES()[2]!;
    const past = await expected(old);
    expect(past.raisedByMonth.at(-1)!.month).toBe(old.raisedTo!.slice(0, 7));
    expect(past.raisedByMonth[0].count).toBe(0);
    // A range cut mid-month cuts its first and last months.
    const mid = RANGES()[1]!;
    const cut = await expected(mid);
    expect([cut.raisedByMonth[0].from, cut.raisedByMonth.at(-1)!.to]).toEqual([mid.raisedFrom, mid.raisedTo]);
  });

  it('lists, behind each figure, exactly the cases it counts (GET /api/v1/cases with the same filters, page by page)', async () => {
    const { cases } = await everything();
    for (const range of RANGES()) {
      const s = await expected(range);
      const r = { ...(range?.raisedFrom ? { raisedFrom: range.raisedFrom } : {}), ...(range?.raisedTo ? { raisedTo: range.raisedTo } : {}) };
      const inRange = cases.filter((c) => (!r.raisedFrom || toLondonDate(c.createdAt) >= r.raisedFrom) && (!r.raisedTo || toLondonDate(c.createdAt) <= r.raisedTo));
      const ids = (keep: (c: CaseRecord) => boolean) => inRange.filter(keep).map((c) => c.id).sort();
      const check = async (what: string, filters: Record<string, string>, figure: number, want: string[]) => {
        const got = await listed({ ...r, ...filters });
        expect([what, range, got.length, got]).toEqual([what, range, figure, want]);
      };
      await check('all', {}, s.totalCases, ids(() => true));
      await check('open', { outcome: 'open' }, s.headline.open, ids((c) => c.outcome === 'open'));
      await check('resolved', { outcome: 'monitoring,resolved,closed' }, s.headline.resolved, ids((c) => ['monitoring', 'resolved', 'closed'].includes(c.outcome)));
      await check('withdrawn', { outcome: 'withdrawn' }, s.headline.withdrawn, ids((c) => c.outcome === 'withdrawn'));
      for (const o of s.byOutcome) await check(`outcome ${o.outcome}`, { outcome: o.outcome }, o.count, ids((c) => c.outcome === o.outcome));
      for (const x of s.byStage) await check(`stage ${x.stage}`, { state: x.stage }, x.count, ids((c) => c.state === x.stage));
      for (const x of s.resolvedAtStage) await check(`resolved at ${x.stage}`, { resolvedStage: x.stage }, x.count, ids((c) => c.resolvedStage === x.stage));
      for (const x of s.byUndertaking) await check(`citing ${x.undertaking}`, { undertaking: x.undertaking }, x.count, ids((c) => c.undertakingIds.includes(x.undertaking)));
      for (const m of s.raisedByMonth) {
        const want = cases.filter((c) => toLondonDate(c.createdAt) >= m.from && toLondonDate(c.createdAt) <= m.to).map((c) => c.id).sort();
        await check(`raised in ${m.month}`, { raisedFrom: m.from, raisedTo: m.to }, m.count, want);
      }
      for (const o of s.byOrganisation) {
        await check(`${o.name} as claimant`, { organisation: o.organisationId, part: 'claimant' }, o.asClaimant, ids((c) => c.claimantOrganisationId === o.organisationId));
        await check(`${o.name} as respondent`, { organisation: o.organisationId, part: 'respondent' }, o.asRespondent, ids((c) => c.respondentOrganisationId === o.organisationId));
        const mediated = ids((c) => c.participants.some((x) => x.part === 'mediator' && x.organisationId === o.organisationId));
        await check(`${o.name} as mediator`, { organisation: o.organisationId, part: 'mediator' }, o.asMediator, mediated);
      }
      for (const o of s.missedByOrganisation) {
        const want = [...new Set(ledger.filter((l) => l.organisationId === o.organisationId).map((l) => l.caseId))].filter((id) => inRange.some((c) => c.id === id)).sort();
        await check(`missed by ${o.name}`, { missedBy: o.organisationId }, o.cases, want);
      }
      await check('missed', { missed: 'true' }, ids((c) => c.deadlinesMissed > 0).length, ids((c) => c.deadlinesMissed > 0));
    }
  });

  it('refuses filters and ranges it cannot use with 400 naming the field', async () => {
    const refused = async (path: string, field: string) => {
      const res = await t.api.get(path, p.board.token);
      expect([path, res.status, res.body.code, res.body.errors?.map((e: any) => e.field)]).toEqual([path, 400, 'VALIDATION_FAILED', [field]]);
    };
    await refused('/api/v1/cases?outcome=open,won', 'outcome');
    await refused('/api/v1/cases?raisedFrom=2026-02-30', 'raisedFrom');
    await refused('/api/v1/cases?raisedFrom=2026-03-02&raisedTo=2026-03-01', 'raisedTo');
    await refused('/api/v1/cases?resolvedStage=discussing', 'resolvedStage');
    await refused('/api/v1/cases?part=claimant', 'part');
    await refused(`/api/v1/cases?organisation=${p.orgs.vcs}&part=owner`, 'part');
    await refused('/api/v1/cases?missed=perhaps', 'missed');
    await refused('/api/v1/cases?missedBy=someone', 'missedBy');
    await refused('/api/v1/board/statistics?raisedTo=31-12-2026', 'raisedTo');
    await refused('/api/v1/board/statistics?raisedFrom=2026-03-02&raisedTo=2026-03-01', 'raisedTo');
    expect((await t.api.get('/api/v1/board/statistics?raisedFrom=2026-01-01', p.vcs.token)).status).toBe(403);
  });

  describe('/board/export.csv: one row per case, for a spreadsheet', () => {
    let csvText: string;
    let evil: { id: string; reference: string };

    beforeAll(async () => {
      // An organisation and titles that a spreadsheet would read as formulas.
      const org = await t.api.post('/api/v1/organisations', { name: '=HYPERLINK("http://evil.example","Hope")', kind: 'vcs' }, ADMIN_TOKEN);
      const user = await t.api.post('/api/v1/users', { name: 'Eve', email: 'eve@example.org', role: 'party', organisationId: org.body.id }, ADMIN_TOKEN);
      const f = new CaseFactory<V2Placement>(t.api, p, compactDisputeV2, V2_PLACEMENTS);
      evil = await f.raise({ title: '@SUM(1+1)*cmd|" /C calc"!A0', becameAwareOn: today }, { userId: user.body.id, token: user.body.token, organisationId: org.body.id });
      for (const title of ['-2+3', '+44 23 8083 3000']) await f.raise({ title, becameAwareOn: today });
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await store().write((r) =>
        r.sessions.insertLink({
          id: randomUUID(),
          userId: p.board.userId,
          tokenHash: createHash('sha256').update(token, 'utf8').digest('hex'),
          expiresAt: new Date(now.getTime() + 600_000),
          usedAt: null,
          createdAt: now,
        }),
      );
      const cookie = `cd_session=${(await t.app.get(SignInWithLinkUseCase).execute(token)).token}`;
      const res = await fetch(`${t.baseUrl}/board/export.csv`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="cases.csv"');
      expect(res.headers.get('transfer-encoding')).toBe('chunked');
      csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
      expect((await fetch(`${t.baseUrl}/board/export-history.csv`, { headers: { cookie } })).status).toBe(200);
    });

    it('is UTF-8 with a byte order mark, and one row per case with its parties by name, newest first', async () => {
      expect(csvText.charCodeAt(0)).toBe(0xfeff);
      const { header, rows } = parseCsv(csvText.slice(1));
      expect(header).toEqual([
        'reference', 'title', 'kind', 'workflow', 'claimant', 'respondent', 'mediator', 'undertakings', 'undertakings_text',
        'stage', 'status', 'raised_on', 'resolved_on', 'resolved_at_stage', 'outcome', 'deadlines_met', 'deadlines_missed',
      ]);
      const { cases, organisations } = await everything();
      expect(rows.map((r) => r.reference)).toEqual(cases.map((c) => c.reference));
      const name = (id: string | null) => (id ? organisations.find((o) => o.id === id)!.name : '');
      const compact = registry().compact;
      const safe = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);
      for (const [i, c] of cases.entries()) {
        const wf = registry().of(c);
        expect(rows[i]).toEqual({
          reference: c.reference,
          title: safe(c.title),
          kind: c.kind,
          workflow: `compact-dispute/v${c.workflowVersion}`,
          claimant: safe(name(c.claimantOrganisationId)),
          respondent: name(c.respondentOrganisationId),
          mediator: name(c.mediatorOrganisationId),
          undertakings: c.undertakingIds.join('; '),
          undertakings_text: c.undertakingIds.map((u) => `${u} ${shortUndertakingText(compact.find(u)!.text)}`).join('\n'),
          stage: wf.describeState(c.state),
          status: wf.describeState(c.statePath),
          raised_on: toLondonDate(c.createdAt),
          resolved_on: c.resolvedAt ? toLondonDate(c.resolvedAt) : '',
          resolved_at_stage: c.resolvedStage ? wf.describeState(c.resolvedStage) : '',
          outcome: OUTCOME_LABELS[c.outcome],
          deadlines_met: String(c.deadlinesMet),
          deadlines_missed: String(c.deadlinesMissed),
        });
      }
      expect(rows.some((r) => r.resolved_on !== '' && r.deadlines_missed !== '0')).toBe(true);
    });

    it('neutralises every cell a spreadsheet would read as a formula', () => {
      const { rows } = parseCsv(csvText.slice(1));
      const row = rows.find((r) => r.reference === evil.reference)!;
      expect(row.title).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
      expect(row.claimant).toBe(`'=HYPERLINK("http://evil.example","Hope")`);
      expect(rows.map((r) => r.title)).toEqual(expect.arrayContaining(["'-2+3", "'+44 23 8083 3000"]));
      for (const r of rows) for (const cell of Object.values(r)) expect(/^[=+\-@]/.test(cell)).toBe(false);
    });
  });
});
