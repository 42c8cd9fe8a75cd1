import { PublicBodyCount, RegisterMeasure, RegisterRepository, TimeBucket, TimeWindow } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';

/** The column and condition that place a case in time for each measure (a withdrawal is a case's last change). */
const MEASURES: Record<RegisterMeasure, { at: string; where: string }> = {
  raised: { at: 'c.created_at', where: '' },
  resolved: { at: 'c.resolved_at', where: ' AND c.resolved_at IS NOT NULL' },
  withdrawn: { at: 'c.updated_at', where: " AND c.outcome = 'withdrawn'" },
};

/** Buckets sent per statement (three bound values each). */
const BUCKETS_PER_QUERY = 100;

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The register's counts as SQL aggregates over the cases' summary columns, portable between SQLite
 * and PostgreSQL: every value bound, times compared as epoch milliseconds. The median is
 * PostgreSQL's percentile_cont there, and on SQLite the middle row (or two) of an ordered query.
 */
export class TypeOrmRegisterRepository extends RegisterRepository {
  private readonly sql: Sql;

  constructor(
    manager: EntityManager,
    private readonly postgres: boolean,
  ) {
    super();
    this.sql = new Sql(manager, postgres);
  }

  async span(): Promise<{ first: Date; last: Date } | null> {
    const row = await this.sql.one<{ first: unknown; last: unknown; cases: unknown }>(
      'SELECT MIN(created_at) AS first, MAX(updated_at) AS last, COUNT(*) AS cases FROM cases',
    );
    if (!row || n(row.cases) === 0) return null;
    const resolved = await this.sql.one<{ last: unknown }>('SELECT MAX(resolved_at) AS last FROM cases');
    return { first: new Date(n(row.first)), last: new Date(Math.max(n(row.last), n(resolved?.last))) };
  }

  async countByBucket(measure: RegisterMeasure, buckets: TimeBucket[]): Promise<Map<string, number>> {
    const counts = new Map(buckets.map((b) => [b.key, 0]));
    const { at, where } = MEASURES[measure];
    for (let i = 0; i < buckets.length; i += BUCKETS_PER_QUERY) {
      const chunk = buckets.slice(i, i + BUCKETS_PER_QUERY);
      // The buckets as a derived table (index, from, to), so the database counts every bucket in one pass.
      const table = chunk.map(() => 'SELECT CAST(? AS integer) AS k, CAST(? AS bigint) AS lo, CAST(? AS bigint) AS hi').join(' UNION ALL ');
      const rows = await this.sql.rows<{ k: unknown; n: unknown }>(
        `SELECT b.k AS k, COUNT(c.id) AS n FROM (${table}) b JOIN cases c ON ${at} >= b.lo AND ${at} < b.hi${where} GROUP BY b.k`,
        chunk.flatMap((b, j) => [j, b.from.getTime(), b.to.getTime()]),
      );
      for (const r of rows) counts.set(chunk[n(r.k)].key, n(r.n));
    }
    return counts;
  }

  async countByUndertaking(window: TimeWindow): Promise<Array<{ undertakingId: string; count: number }>> {
    const rows = await this.sql.rows<{ u: string; n: unknown }>(
      `SELECT cu.undertaking_id AS u, COUNT(*) AS n FROM case_undertakings cu JOIN cases c ON c.id = cu.case_id
       WHERE c.created_at >= ? AND c.created_at < ? GROUP BY cu.undertaking_id`,
      bounds(window),
    );
    return rows.map((r) => ({ undertakingId: r.u, count: n(r.n) }));
  }

  async countByResolvedStage(window: TimeWindow): Promise<Array<{ stage: string | null; count: number }>> {
    const rows = await this.sql.rows<{ s: string | null; n: unknown }>(
      'SELECT c.resolved_stage AS s, COUNT(*) AS n FROM cases c WHERE c.resolved_at >= ? AND c.resolved_at < ? GROUP BY c.resolved_stage',
      bounds(window),
    );
    return rows.map((r) => ({ stage: r.s, count: n(r.n) }));
  }

  async deadlineTotals(window: TimeWindow): Promise<{ met: number; missed: number; casesMet: number; casesMissed: number }> {
    const row = await this.sql.one<Record<'met' | 'missed' | 'cases_met' | 'cases_missed', unknown>>(
      `SELECT SUM(c.deadlines_met) AS met, SUM(c.deadlines_missed) AS missed,
       SUM(CASE WHEN c.deadlines_met > 0 THEN 1 ELSE 0 END) AS cases_met, SUM(CASE WHEN c.deadlines_missed > 0 THEN 1 ELSE 0 END) AS cases_missed
       FROM cases c WHERE c.created_at >= ? AND c.created_at < ?`,
      bounds(window),
    );
    return { met: n(row?.met), missed: n(row?.missed), casesMet: n(row?.cases_met), casesMissed: n(row?.cases_missed) };
  }

  async resolutionMedian(window: TimeWindow): Promise<{ cases: number; medianMs: number | null }> {
    const where = 'FROM cases c WHERE c.resolved_at >= ? AND c.resolved_at < ?';
    if (this.postgres) {
      const row = await this.sql.one<{ cases: unknown; m: unknown }>(
        `SELECT COUNT(*) AS cases, percentile_cont(0.5) WITHIN GROUP (ORDER BY (c.resolved_at - c.created_at)) AS m ${where}`,
        bounds(window),
      );
      const cases = n(row?.cases);
      return { cases, medianMs: cases === 0 ? null : n(row?.m) };
    }
    const cases = n((await this.sql.one<{ cases: unknown }>(`SELECT COUNT(*) AS cases ${where}`, bounds(window)))?.cases);
    if (cases === 0) return { cases, medianMs: null };
    // The middle duration, or the two middle ones of an even count: at most two rows leave the database.
    const middle = await this.sql.rows<{ d: unknown }>(`SELECT (c.resolved_at - c.created_at) AS d ${where} ORDER BY d LIMIT ? OFFSET ?`, [
      ...bounds(window),
      cases % 2 === 1 ? 1 : 2,
      Math.floor((cases - 1) / 2),
    ]);
    return { cases, medianMs: middle.reduce((sum, r) => sum + n(r.d), 0) / middle.length };
  }

  async countByPublicBody(window: TimeWindow, part: 'respondent' | 'claimant'): Promise<PublicBodyCount[]> {
    const column = part === 'respondent' ? 'c.respondent_org_id' : 'c.claimant_org_id';
    // Every organisation that is not a public body falls into one row with neither id nor name.
    const id = "CASE WHEN o.kind = 'public-body' THEN o.id END";
    const name = "CASE WHEN o.kind = 'public-body' THEN o.name END";
    const rows = await this.sql.rows<{ id: string | null; name: string | null; n: unknown }>(
      `SELECT ${id} AS id, ${name} AS name, COUNT(*) AS n FROM cases c LEFT JOIN organisations o ON o.id = ${column}
       WHERE c.created_at >= ? AND c.created_at < ? GROUP BY ${id}, ${name}`,
      bounds(window),
    );
    return rows.map((r) => ({ organisationId: r.id, name: r.name, count: n(r.n) }));
  }
}

function bounds(window: TimeWindow): number[] {
  return [window.from.getTime(), window.to.getTime()];
}
