import { BoardRepository, BoardWindow, CaseOutcome, CompletedStays, MissedDeadline, OrganisationCaseCount, OrganisationMissedCount } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { inList, Sql } from '../data-source/sql';

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Missed deadlines written per INSERT (five bound values each). */
const MISSED_PER_INSERT = 100;

/** The condition (and its values) that keeps the cases raised in the window, on the cases table under `alias`. */
function raisedIn(window: BoardWindow | undefined, alias: string): { sql: string; params: number[] } {
  if (!window) return { sql: '', params: [] };
  return { sql: `${alias}.created_at >= ? AND ${alias}.created_at < ?`, params: [window.from.getTime(), window.to.getTime()] };
}

const where = (...conditions: string[]) => {
  const kept = conditions.filter((c) => c !== '');
  return kept.length > 0 ? ` WHERE ${kept.join(' AND ')}` : '';
};

/**
 * The board's figures as SQL aggregates, portable between SQLite and PostgreSQL (every value bound).
 * Without a window each is read from an index of its own (the counts by outcome and by resolved
 * stage, by claimant and respondent, the sums of deadlines, the missed deadlines by organisation,
 * the middle raising time of the open cases); with one, the cases raised in it are found by their
 * (created_at) order, or joined from the rows counted. Stays in a stage are rows of
 * case_stage_stays: an open one per case (left_at null) and the completed ones with their length,
 * indexed by (stage, duration_ms) so the middle of a stage's lengths is read from the index, at
 * most two rows leaving the database.
 */
export class TypeOrmBoardRepository extends BoardRepository {
  private readonly sql: Sql;

  constructor(manager: EntityManager, postgres: boolean) {
    super();
    this.sql = new Sql(manager, postgres);
  }

  async enterStage(caseId: string, stage: string, seq: number, at: Date, options: { raised: boolean }): Promise<void> {
    const ms = at.getTime();
    if (!options.raised) {
      await this.sql.run('UPDATE case_stage_stays SET left_at = ?, duration_ms = ? - entered_at WHERE case_id = ? AND left_at IS NULL', [ms, ms, caseId]);
    }
    await this.sql.run('INSERT INTO case_stage_stays (case_id, entered_seq, stage, entered_at) VALUES (?, ?, ?, ?)', [caseId, seq, stage, ms]);
  }

  async recordMissedDeadlines(caseId: string, seq: number, at: Date, missed: readonly MissedDeadline[]): Promise<void> {
    for (let i = 0; i < missed.length; i += MISSED_PER_INSERT) {
      const chunk = missed.slice(i, i + MISSED_PER_INSERT);
      // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+): filling in a trail twice (two instances starting at once) writes each row once.
      await this.sql.run(
        `INSERT INTO case_missed_deadlines (case_id, seq, deadline_key, organisation_id, missed_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
        chunk.flatMap((m) => [caseId, seq, m.deadlineKey, m.organisationId, at.getTime()]),
      );
    }
  }

  async casesAwaitingMissedDeadlines(limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>('SELECT case_id AS id FROM case_missed_deadlines_pending ORDER BY case_id LIMIT ?', [limit]);
    return rows.map((r) => r.id);
  }

  async missedDeadlinesFilledIn(caseIds: readonly string[]): Promise<void> {
    if (caseIds.length === 0) return;
    await this.sql.run(`DELETE FROM case_missed_deadlines_pending WHERE case_id IN ${inList(caseIds.length)}`, [...caseIds]);
  }

  async totals(window?: BoardWindow): Promise<{ cases: number; met: number; missed: number }> {
    const raised = raisedIn(window, 'c');
    const row = await this.sql.one<Record<'cases' | 'met' | 'missed', unknown>>(
      `SELECT COUNT(*) AS cases, SUM(c.deadlines_met) AS met, SUM(c.deadlines_missed) AS missed FROM cases c${where(raised.sql)}`,
      raised.params,
    );
    return { cases: n(row?.cases), met: n(row?.met), missed: n(row?.missed) };
  }

  async countByState(window?: BoardWindow): Promise<Array<{ state: string; count: number }>> {
    const raised = raisedIn(window, 'c');
    const rows = await this.sql.rows<{ s: string; n: unknown }>(`SELECT c.state AS s, COUNT(*) AS n FROM cases c${where(raised.sql)} GROUP BY c.state`, raised.params);
    return rows.map((r) => ({ state: r.s, count: n(r.n) }));
  }

  async countByOutcome(window?: BoardWindow): Promise<Array<{ outcome: string; count: number }>> {
    const raised = raisedIn(window, 'c');
    // ix_cases_outcome (outcome, created_at) answers it, the window included.
    const rows = await this.sql.rows<{ o: string | null; n: unknown }>(
      `SELECT c.outcome AS o, COUNT(*) AS n FROM cases c${where(raised.sql)} GROUP BY c.outcome`,
      raised.params,
    );
    return rows.filter((r) => r.o !== null).map((r) => ({ outcome: r.o!, count: n(r.n) }));
  }

  async countByResolvedStage(window?: BoardWindow): Promise<Array<{ stage: string; count: number }>> {
    const raised = raisedIn(window, 'c');
    // ix_cases_resolved_stage (resolved_stage, created_at).
    const rows = await this.sql.rows<{ s: string; n: unknown }>(
      `SELECT c.resolved_stage AS s, COUNT(*) AS n FROM cases c${where('c.resolved_stage IS NOT NULL', raised.sql)} GROUP BY c.resolved_stage`,
      raised.params,
    );
    return rows.map((r) => ({ stage: r.s, count: n(r.n) }));
  }

  async middleRaisedAt(outcome: CaseOutcome, window?: BoardWindow): Promise<{ cases: number; middle: Date[] }> {
    const raised = raisedIn(window, 'c');
    // Both read ix_cases_outcome (outcome, created_at): a count, then at most two rows from the middle of it.
    const from = `FROM cases c${where('c.outcome = ?', raised.sql)}`;
    const params = [outcome, ...raised.params];
    const cases = n((await this.sql.one<{ n: unknown }>(`SELECT COUNT(*) AS n ${from}`, params))?.n);
    if (cases === 0) return { cases, middle: [] };
    const middle = await this.sql.rows<{ t: unknown }>(`SELECT c.created_at AS t ${from} ORDER BY c.created_at LIMIT ? OFFSET ?`, [
      ...params,
      cases % 2 === 1 ? 1 : 2,
      Math.floor((cases - 1) / 2),
    ]);
    return { cases, middle: middle.map((r) => new Date(n(r.t))) };
  }

  async countByUndertaking(window?: BoardWindow): Promise<Array<{ undertakingId: string; count: number }>> {
    const raised = raisedIn(window, 'c');
    const rows = await this.sql.rows<{ u: string; n: unknown }>(
      window
        ? `SELECT cu.undertaking_id AS u, COUNT(*) AS n FROM case_undertakings cu JOIN cases c ON c.id = cu.case_id${where(raised.sql)} GROUP BY cu.undertaking_id`
        : 'SELECT undertaking_id AS u, COUNT(*) AS n FROM case_undertakings GROUP BY undertaking_id',
      raised.params,
    );
    return rows.map((r) => ({ undertakingId: r.u, count: n(r.n) }));
  }

  async countByOrganisation(window?: BoardWindow): Promise<OrganisationCaseCount[]> {
    const raised = raisedIn(window, 'c');
    const mediators = window
      ? `SELECT cp.organisation_id AS o, 0 AS c, 0 AS r, COUNT(*) AS m FROM case_participants cp JOIN cases c ON c.id = cp.case_id${where('cp.part = ?', raised.sql)} GROUP BY cp.organisation_id`
      : 'SELECT organisation_id AS o, 0 AS c, 0 AS r, COUNT(*) AS m FROM case_participants WHERE part = ? GROUP BY organisation_id';
    // One pass over each source: the parties kept on the case row, and the mediators among its participants.
    const rows = await this.sql.rows<{ o: string; c: unknown; r: unknown; m: unknown }>(
      `SELECT o, SUM(c) AS c, SUM(r) AS r, SUM(m) AS m FROM (
         SELECT c.claimant_org_id AS o, COUNT(*) AS c, 0 AS r, 0 AS m FROM cases c${where(raised.sql)} GROUP BY c.claimant_org_id
         UNION ALL SELECT c.respondent_org_id AS o, 0 AS c, COUNT(*) AS r, 0 AS m FROM cases c${where(raised.sql)} GROUP BY c.respondent_org_id
         UNION ALL ${mediators}
       ) parts GROUP BY o`,
      [...raised.params, ...raised.params, 'mediator', ...raised.params],
    );
    return rows.map((r) => ({ organisationId: r.o, asClaimant: n(r.c), asRespondent: n(r.r), asMediator: n(r.m) }));
  }

  async countMissedByOrganisation(window?: BoardWindow): Promise<OrganisationMissedCount[]> {
    const raised = raisedIn(window, 'c');
    // Without a window, from ix_case_missed_deadlines_org (organisation_id, case_id) alone.
    const rows = await this.sql.rows<{ o: string; d: unknown; c: unknown }>(
      window
        ? `SELECT md.organisation_id AS o, COUNT(*) AS d, COUNT(DISTINCT md.case_id) AS c FROM case_missed_deadlines md JOIN cases c ON c.id = md.case_id${where(raised.sql)} GROUP BY md.organisation_id`
        : 'SELECT organisation_id AS o, COUNT(*) AS d, COUNT(DISTINCT case_id) AS c FROM case_missed_deadlines GROUP BY organisation_id',
      raised.params,
    );
    return rows.map((r) => ({ organisationId: r.o, deadlines: n(r.d), cases: n(r.c) }));
  }

  async completedStays(stage: string, window?: BoardWindow): Promise<CompletedStays> {
    const raised = raisedIn(window, 'c');
    const from = window
      ? `FROM case_stage_stays s JOIN cases c ON c.id = s.case_id${where('s.stage = ?', 's.duration_ms IS NOT NULL', raised.sql)}`
      : 'FROM case_stage_stays s WHERE s.stage = ? AND s.duration_ms IS NOT NULL';
    const params = [stage, ...raised.params];
    const stays = n((await this.sql.one<{ n: unknown }>(`SELECT COUNT(*) AS n ${from}`, params))?.n);
    if (stays === 0) return { stays, middleMs: [] };
    const middle = await this.sql.rows<{ d: unknown }>(`SELECT s.duration_ms AS d ${from} ORDER BY s.duration_ms LIMIT ? OFFSET ?`, [
      ...params,
      stays % 2 === 1 ? 1 : 2,
      Math.floor((stays - 1) / 2),
    ]);
    return { stays, middleMs: middle.map((r) => n(r.d)) };
  }
}
