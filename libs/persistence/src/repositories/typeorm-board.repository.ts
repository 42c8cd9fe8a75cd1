import { BoardRepository, CompletedStays, OrganisationCaseCount } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The board's figures as SQL aggregates, portable between SQLite and PostgreSQL (every value bound).
 * Stays in a stage are rows of case_stage_stays: an open one per case (left_at null) and the
 * completed ones with their length, indexed by (stage, duration_ms) so the middle of a stage's
 * lengths is read from the index, at most two rows leaving the database.
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

  async totals(): Promise<{ cases: number; met: number; missed: number }> {
    const row = await this.sql.one<Record<'cases' | 'met' | 'missed', unknown>>(
      'SELECT COUNT(*) AS cases, SUM(deadlines_met) AS met, SUM(deadlines_missed) AS missed FROM cases',
    );
    return { cases: n(row?.cases), met: n(row?.met), missed: n(row?.missed) };
  }

  async countByState(): Promise<Array<{ state: string; count: number }>> {
    const rows = await this.sql.rows<{ s: string; n: unknown }>('SELECT state AS s, COUNT(*) AS n FROM cases GROUP BY state');
    return rows.map((r) => ({ state: r.s, count: n(r.n) }));
  }

  async countByUndertaking(): Promise<Array<{ undertakingId: string; count: number }>> {
    const rows = await this.sql.rows<{ u: string; n: unknown }>('SELECT undertaking_id AS u, COUNT(*) AS n FROM case_undertakings GROUP BY undertaking_id');
    return rows.map((r) => ({ undertakingId: r.u, count: n(r.n) }));
  }

  async countByOrganisation(): Promise<OrganisationCaseCount[]> {
    // One pass over each source: the parties kept on the case row, and the mediators among its participants.
    const rows = await this.sql.rows<{ o: string; c: unknown; r: unknown; m: unknown }>(
      `SELECT o, SUM(c) AS c, SUM(r) AS r, SUM(m) AS m FROM (
         SELECT claimant_org_id AS o, COUNT(*) AS c, 0 AS r, 0 AS m FROM cases GROUP BY claimant_org_id
         UNION ALL SELECT respondent_org_id AS o, 0 AS c, COUNT(*) AS r, 0 AS m FROM cases GROUP BY respondent_org_id
         UNION ALL SELECT organisation_id AS o, 0 AS c, 0 AS r, COUNT(*) AS m FROM case_participants WHERE part = ? GROUP BY organisation_id
       ) parts GROUP BY o`,
      ['mediator'],
    );
    return rows.map((r) => ({ organisationId: r.o, asClaimant: n(r.c), asRespondent: n(r.r), asMediator: n(r.m) }));
  }

  async completedStays(stage: string): Promise<CompletedStays> {
    const where = 'FROM case_stage_stays WHERE stage = ? AND duration_ms IS NOT NULL';
    const stays = n((await this.sql.one<{ n: unknown }>(`SELECT COUNT(*) AS n ${where}`, [stage]))?.n);
    if (stays === 0) return { stays, middleMs: [] };
    const middle = await this.sql.rows<{ d: unknown }>(`SELECT duration_ms AS d ${where} ORDER BY duration_ms LIMIT ? OFFSET ?`, [
      stage,
      stays % 2 === 1 ? 1 : 2,
      Math.floor((stays - 1) / 2),
    ]);
    return { stays, middleMs: middle.map((r) => n(r.d)) };
  }
}
