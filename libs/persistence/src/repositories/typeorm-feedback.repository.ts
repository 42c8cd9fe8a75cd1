import { FeedbackInvitation, FeedbackRepository, FeedbackResponse, FeedbackRole, FeedbackTally } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { inList, Sql } from '../data-source/sql';

type Num = string | number;

interface InvitationRow {
  id: string;
  case_id: string;
  role: string;
  stage: string | null;
  ended_year: Num;
  token_hash: string;
  expires_at: Num;
  used_at: Num | null;
  created_at: Num;
}

interface ResponseRow {
  id: string;
  invitation_id: string;
  case_id: string;
  role: string;
  stage: string | null;
  ended_year: Num;
  fair: Num;
  understood: Num;
  timely: Num;
  use_again: Num;
  comment: string | null;
  submitted_at: Num;
}

interface TallyRow {
  stage: string | null;
  ended_year: Num;
  invited: Num;
  responded: Num;
  fair_sum: Num | null;
  understood_sum: Num | null;
  timely_sum: Num | null;
  use_again_yes: Num | null;
}

const instant = (value: Num) => new Date(Number(value));

const fromInvitationRow = (r: InvitationRow): FeedbackInvitation => ({
  id: r.id,
  caseId: r.case_id,
  role: r.role as FeedbackRole,
  stage: r.stage,
  endedYear: Number(r.ended_year),
  tokenHash: r.token_hash,
  expiresAt: instant(r.expires_at),
  usedAt: r.used_at == null ? null : instant(r.used_at),
  createdAt: instant(r.created_at),
});

const fromResponseRow = (r: ResponseRow): FeedbackResponse => ({
  id: r.id,
  invitationId: r.invitation_id,
  caseId: r.case_id,
  role: r.role as FeedbackRole,
  stage: r.stage,
  endedYear: Number(r.ended_year),
  fair: Number(r.fair),
  understood: Number(r.understood),
  timely: Number(r.timely),
  useAgain: Number(r.use_again) === 1,
  comment: r.comment,
  submittedAt: instant(r.submitted_at),
});

const ROLE_ORDER = "CASE role WHEN 'claimant' THEN 0 WHEN 'respondent' THEN 1 ELSE 2 END";

/** Feedback invitations and answers, in bound SQL (every value a parameter); figures by SQL aggregates. */
export class TypeOrmFeedbackRepository extends FeedbackRepository {
  private readonly sql: Sql;

  constructor(manager: EntityManager) {
    super();
    this.sql = new Sql(manager, manager.connection.options.type === 'postgres');
  }

  async insertInvitations(invitations: FeedbackInvitation[]): Promise<void> {
    for (const i of invitations) {
      await this.sql.run(
        'INSERT INTO feedback_invitations (id, case_id, role, stage, ended_year, token_hash, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [i.id, i.caseId, i.role, i.stage, i.endedYear, i.tokenHash, i.expiresAt.getTime(), i.usedAt?.getTime() ?? null, i.createdAt.getTime()],
      );
    }
  }

  async invited(caseId: string): Promise<boolean> {
    return (await this.sql.one('SELECT 1 AS found FROM feedback_invitations WHERE case_id = ? LIMIT 1', [caseId])) !== null;
  }

  async findInvitation(tokenHash: string): Promise<FeedbackInvitation | null> {
    const row = await this.sql.one<InvitationRow>('SELECT * FROM feedback_invitations WHERE token_hash = ?', [tokenHash]);
    return row ? fromInvitationRow(row) : null;
  }

  async claim(tokenHash: string, now: Date, usedOn: Date): Promise<FeedbackInvitation | null> {
    const changed = await this.sql.run('UPDATE feedback_invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?', [
      usedOn.getTime(),
      tokenHash,
      now.getTime(),
    ]);
    return changed === 1 ? this.findInvitation(tokenHash) : null;
  }

  async insertResponse(r: FeedbackResponse): Promise<void> {
    await this.sql.run(
      `INSERT INTO feedback_responses (id, invitation_id, case_id, role, stage, ended_year, fair, understood, timely, use_again, comment, submitted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.invitationId, r.caseId, r.role, r.stage, r.endedYear, r.fair, r.understood, r.timely, r.useAgain ? 1 : 0, r.comment, r.submittedAt.getTime()],
    );
  }

  async listResponses(caseIds?: string[]): Promise<FeedbackResponse[]> {
    if (caseIds && caseIds.length === 0) return [];
    const where = caseIds ? `WHERE case_id IN ${inList(caseIds.length)}` : '';
    const rows = await this.sql.rows<ResponseRow>(`SELECT * FROM feedback_responses ${where} ORDER BY case_id, ${ROLE_ORDER}, id`, caseIds ?? []);
    return rows.map(fromResponseRow);
  }

  async casesAnswered(limit: number, year?: number): Promise<string[]> {
    const rows = await this.sql.rows<{ case_id: string }>(
      `SELECT case_id FROM feedback_responses ${year === undefined ? '' : 'WHERE ended_year = ?'}
       GROUP BY case_id ORDER BY MAX(submitted_at) DESC, case_id LIMIT ?`,
      year === undefined ? [limit] : [year, limit],
    );
    return rows.map((r) => r.case_id);
  }

  async tally(year?: number): Promise<FeedbackTally[]> {
    const rows = await this.sql.rows<TallyRow>(
      `SELECT i.stage AS stage, i.ended_year AS ended_year, COUNT(i.id) AS invited, COUNT(r.id) AS responded,
              SUM(r.fair) AS fair_sum, SUM(r.understood) AS understood_sum, SUM(r.timely) AS timely_sum, SUM(r.use_again) AS use_again_yes
       FROM feedback_invitations i LEFT JOIN feedback_responses r ON r.invitation_id = i.id
       ${year === undefined ? '' : 'WHERE i.ended_year = ?'}
       GROUP BY i.stage, i.ended_year
       ORDER BY i.ended_year, i.stage`,
      year === undefined ? [] : [year],
    );
    const n = (value: Num | null) => (value == null ? 0 : Number(value));
    return rows.map((r) => ({
      stage: r.stage,
      endedYear: n(r.ended_year),
      invited: n(r.invited),
      responded: n(r.responded),
      fairSum: n(r.fair_sum),
      understoodSum: n(r.understood_sum),
      timelySum: n(r.timely_sum),
      useAgainYes: n(r.use_again_yes),
    }));
  }
}
