import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CaseHistoryExport,
  Clock,
  countedDeadlineLabels,
  ExportCaseHistoriesUseCase,
  FillInMissedDeadlines,
  GetBoardStatisticsUseCase,
  shortUndertakingText,
  SignInWithLinkUseCase,
  WorkflowRegistry,
} from '@compact/application';
import { toLondonDate } from '@compact/calendar';
import { Repositories, Store, User } from '@compact/domain';
import { verifyAuditChain } from '@compact/engine';
import { compactDisputeV2 } from '@compact/workflows';
import { boardStatisticsInMemory, historiesCsvInMemory } from './support/board-oracle';
import { CaseFactory } from './support/case-factory';
import { ManualClock } from './support/manual-clock';
import { seedParties, Parties } from './support/parties.fixture';
import { randomFrom } from './support/seeded-random';
import { startTestApp, TestApp } from './support/test-app';
import { V2_PLACEMENTS, V2Placement } from './support/v2-placements';

jest.setTimeout(600_000);

/** Enough cases for three pages of 100 (the last one short), each taken somewhere on v2's path. */
const COUNT = 260;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Counts the units of work run on the real store it wraps (each export page is one read). */
class CountingStore extends Store {
  reads = 0;

  constructor(private readonly inner: Store) {
    super();
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    this.reads += 1;
    return this.inner.read(work);
  }

  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.inner.write(work);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }
}

/** The real store, with every audit trail out of reach: reading one fails the test. */
class TrailsRefusedStore extends CountingStore {
  override read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return super.read((repos) => {
      const refused = () => Promise.reject(new Error('the board read an audit trail'));
      return work({ ...repos, audit: { ...repos.audit, listByCase: refused, listByCases: refused, last: refused, append: refused } });
    });
  }
}

describe('the board at scale: figures from SQL aggregates, exports a page at a time', () => {
  let t: TestApp;
  let p: Parties;
  let clock: ManualClock;
  let board: User;
  const sql = async (text: string) => t.dataSource.query(text);

  /** Every case and trail read whole, as the board did before, to compare with. */
  async function everything() {
    return t.app.get(Store).read(async (r) => {
      const cases = await r.cases.list({ visibility: { all: true }, limit: 100_000 });
      return { cases, history: await r.audit.listByCases(cases.map((c) => c.id)), organisations: await r.organisations.list() };
    });
  }

  /** The export as it was built before it streamed, from everything read at once. */
  async function expectedExport(): Promise<CaseHistoryExport[]> {
    const { cases, history } = await everything();
    return cases.map((c) => {
      const entries = history.filter((e) => e.caseId === c.id);
      return {
        id: c.id,
        reference: c.reference,
        title: c.title,
        kind: c.kind,
        workflow: { name: c.workflowName, version: c.workflowVersion },
        state: c.statePath,
        claimantOrganisationId: c.claimantOrganisationId,
        respondentOrganisationId: c.respondentOrganisationId,
        undertakings: c.undertakingIds,
        verification: verifyAuditChain(entries, c.auditSeq > 0 ? { seq: c.auditSeq, hash: c.auditHead } : null),
        history: entries,
      };
    });
  }

  /** What the in-memory count needs besides the cases: every missed deadline recorded, read whole, and today. */
  async function oracleInputs(range?: { raisedFrom?: string; raisedTo?: string }) {
    const missed = ((await sql('SELECT case_id, organisation_id FROM case_missed_deadlines')) as any[]).map((r) => ({ caseId: r.case_id, organisationId: r.organisation_id }));
    const compact = t.app.get(WorkflowRegistry).compact;
    return { missed, undertakingText: (id: string) => shortUndertakingText(compact.find(id)!.text), today: toLondonDate(clock.now()), range };
  }

  async function sessionCookie(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await t.app.get(Store).write((r) =>
      r.sessions.insertLink({
        id: randomUUID(),
        userId,
        tokenHash: createHash('sha256').update(token, 'utf8').digest('hex'),
        expiresAt: new Date(now.getTime() + 600_000),
        usedAt: null,
        createdAt: now,
      }),
    );
    return `cd_session=${(await t.app.get(SignInWithLinkUseCase).execute(token)).token}`;
  }

  beforeAll(async () => {
    const start = Date.now() - 60 * DAY;
    clock = new ManualClock(new Date(start));
    t = await startTestApp({ clock });
    p = await seedParties(t.api);
    board = (await t.app.get(Store).read((r) => r.users.findById(p.board.userId)))!;
    const f = new CaseFactory<V2Placement>(t.api, p, compactDisputeV2, V2_PLACEMENTS);
    const placements = Object.keys(V2_PLACEMENTS) as V2Placement[];
    const random = randomFrom(29);
    const citing = [['4.5'], ['3.11a'], ['4.5', '3.11a']];
    for (let i = 0; i < COUNT; i++) {
      // Each case on its own stretch of the clock, its steps hours or days apart: stays of every length.
      clock.set(new Date(start + i * 7 * 60_000));
      const raised = await f.raise({ undertakings: citing[i % citing.length], becameAwareOn: new Date(start - 3 * DAY).toISOString().slice(0, 10) });
      for (const step of f.placements[placements[i % placements.length]]) {
        clock.advance(Math.floor((0.1 + random() * (random() < 0.2 ? 200 : 30)) * HOUR));
        await f.step(raised.id, step);
      }
    }
    clock.set(new Date(start + COUNT * 7 * 60_000 + 30 * DAY));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives the same figures as counting every case and trail in memory, without reading a trail', async () => {
    const registry = t.app.get(WorkflowRegistry);
    const { cases, history, organisations } = await everything();
    expect(cases).toHaveLength(COUNT);
    const expected = boardStatisticsInMemory(cases, history, organisations, { stages: registry.stages(), countedDeadlines: countedDeadlineLabels(registry.all()) }, await oracleInputs());
    expect(expected.missedByOrganisation.length).toBeGreaterThan(0);
    // The figures are not trivial: stays were measured in several stages, deadlines met and missed, mediators counted.
    expect(expected.medianDaysInStage.filter((s) => s.completedStays > 1 && s.medianDays !== null).length).toBeGreaterThanOrEqual(3);
    expect(expected.deadlines.met).toBeGreaterThan(0);
    expect(expected.deadlines.missed).toBeGreaterThan(0);
    expect(expected.byOrganisation.filter((o) => o.asMediator > 0).length).toBe(2);

    const guarded = new TrailsRefusedStore(t.app.get(Store));
    expect(await new GetBoardStatisticsUseCase(guarded, registry, clock).execute({ user: board })).toEqual(expected);
    expect(guarded.reads).toBeGreaterThan(0);
    const res = await t.api.get('/api/v1/board/statistics', p.board.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
  });

  it('fills in who missed each deadline from the trails, once, when its migration runs on cases already there', async () => {
    const missed = async () =>
      ((await sql('SELECT case_id, seq, deadline_key, organisation_id, missed_at FROM case_missed_deadlines ORDER BY case_id, seq, deadline_key, organisation_id')) as any[]).map(
        (r) => [r.case_id, Number(r.seq), r.deadline_key, r.organisation_id, Number(r.missed_at)],
      );
    const written = await missed();
    const missedCases = Number((await sql('SELECT COUNT(*) AS n FROM cases WHERE deadlines_missed > 0'))[0].n);
    expect(new Set(written.map((r) => r[0])).size).toBe(missedCases);
    expect(written.length).toBeGreaterThanOrEqual(Number((await sql('SELECT SUM(deadlines_missed) AS n FROM cases'))[0].n));
    const ran = async () => Number((await sql("SELECT COUNT(*) AS n FROM migrations WHERE name = 'BoardMissedDeadlines1765850000000'"))[0].n);
    for (let undone = 0; (await ran()) > 0 && undone < 20; undone++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    await t.dataSource.runMigrations({ transaction: 'each' });
    expect(await missed()).toEqual([]);
    expect(Number((await sql('SELECT COUNT(*) AS n FROM case_missed_deadlines_pending'))[0].n)).toBe(missedCases);
    // As at start-up; a second run (another instance starting) finds nothing left to do.
    expect(await t.app.get(FillInMissedDeadlines).run()).toBe(missedCases);
    expect(await missed()).toEqual(written);
    expect(await t.app.get(FillInMissedDeadlines).run()).toBe(0);
    expect(await missed()).toEqual(written);
  });

  it('fills in the same stays from the trails when its migration runs on cases already there', async () => {
    const stays = async () =>
      ((await sql('SELECT case_id, entered_seq, stage, entered_at, left_at, duration_ms FROM case_stage_stays ORDER BY case_id, entered_seq')) as any[]).map(
        (r) => [r.case_id, Number(r.entered_seq), r.stage, Number(r.entered_at), r.left_at === null ? null : Number(r.left_at), r.duration_ms === null ? null : Number(r.duration_ms)],
      );
    const written = await stays();
    // One open stay per case, and completed ones besides.
    expect(written.filter((s) => s[4] === null)).toHaveLength(COUNT);
    expect(written.length).toBeGreaterThan(COUNT * 2);
    // Undone with every migration after it, back to before it, then all run again.
    const ran = async () => Number((await sql("SELECT COUNT(*) AS n FROM migrations WHERE name = 'CaseStageStays1765600000000'"))[0].n);
    for (let undone = 0; (await ran()) > 0 && undone < 20; undone++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await ran()).toBe(0);
    await t.dataSource.runMigrations({ transaction: 'each' });
    expect(await stays()).toEqual(written);
    // (Who missed each deadline was undone with it: filled in again, as at start-up.)
    await t.app.get(FillInMissedDeadlines).run();
  });

  it('streams /board/export.json and /board/export-history.csv byte for byte as they were built whole', async () => {
    const cookie = await sessionCookie(p.board.userId);
    const expected = await expectedExport();
    const exportedAt = clock.now().toISOString();

    const json = await fetch(`${t.baseUrl}/board/export.json`, { headers: { cookie } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="case-histories.json"');
    // Sent as it is made: chunked, with no length known in advance.
    expect(json.headers.get('transfer-encoding')).toBe('chunked');
    const jsonText = await json.text();
    expect(jsonText).toBe(JSON.stringify({ exportedAt, cases: expected }, null, 2));
    expect(JSON.parse(jsonText).cases).toHaveLength(COUNT);

    const csv = await fetch(`${t.baseUrl}/board/export-history.csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('transfer-encoding')).toBe('chunked');
    const csvText = await csv.text();
    expect(csvText).toBe(historiesCsvInMemory(expected));
    expect(csvText.split('\r\n').length - 2).toBe(expected.reduce((n, c) => n + c.history.length, 0));
  });

  it('reads the cases a page at a time, the next page only once the last one is handed on', async () => {
    const counting = new CountingStore(t.app.get(Store));
    const exporter = new ExportCaseHistoriesUseCase(counting, t.app.get(Clock));
    const data = await exporter.execute({ user: board }, { pageSize: 100 });
    expect(counting.reads).toBe(1);
    const seen: string[] = [];
    const readsWhenSeen: number[] = [];
    for await (const c of data.cases) {
      seen.push(c.id);
      readsWhenSeen.push(counting.reads);
    }
    expect(seen).toEqual((await expectedExport()).map((c) => c.id));
    expect(counting.reads).toBe(3);
    // Cases 1–100 came from the first read, 101–200 from the second, 201–260 from the third.
    expect([readsWhenSeen[0], readsWhenSeen[99], readsWhenSeen[100], readsWhenSeen[199], readsWhenSeen[200], readsWhenSeen[COUNT - 1]]).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('exports nothing but an empty document when there is no case, and refuses anyone but the board and administrators', async () => {
    const empty = { exportedAt: 'x', cases: (async function* () {})() };
    const { historiesJsonChunks, historiesCsvChunks } = await import('@compact/application');
    let text = '';
    for await (const piece of historiesJsonChunks(empty)) text += piece;
    expect(text).toBe(JSON.stringify({ exportedAt: 'x', cases: [] }, null, 2));
    let csvText = '';
    for await (const piece of historiesCsvChunks((async function* () {})())) csvText += piece;
    expect(csvText).toBe(historiesCsvInMemory([]));

    const party = (await t.app.get(Store).read((r) => r.users.findById(p.vcs.userId)))!;
    await expect(t.app.get(ExportCaseHistoriesUseCase).execute({ user: party })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
