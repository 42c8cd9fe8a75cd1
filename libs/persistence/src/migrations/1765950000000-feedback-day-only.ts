import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback answers, and the use of their links, are kept with the day only (midnight UTC), so that
 * no time kept with an answer can be matched against when someone used the service. Answers given
 * before this release were kept to the millisecond: this rounds them down to their day. One way
 * only: the moments are not kept anywhere to put back.
 */
export class FeedbackDayOnly1765950000000 implements MigrationInterface {
  name = 'FeedbackDayOnly1765950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('UPDATE feedback_responses SET submitted_at = submitted_at - (submitted_at % 86400000) WHERE submitted_at % 86400000 <> 0');
    await q.query('UPDATE feedback_invitations SET used_at = used_at - (used_at % 86400000) WHERE used_at IS NOT NULL AND used_at % 86400000 <> 0');
  }

  async down(): Promise<void> {
    // Nothing to undo: rounded times stay rounded (a day is still a time the old code reads).
  }
}
