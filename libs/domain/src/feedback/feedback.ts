/**
 * Feedback after a case: opinions about the process from those who took part, asked once when a
 * case ends. Stored apart from the case's audit trail (they are not evidence about the case), and
 * never tied to a person: an invitation records the respondent's part in the case, not who they are.
 */

/** The side a person answered from: a party (claimant or respondent) or the mediator. */
export const FEEDBACK_ROLES = ['claimant', 'respondent', 'mediator'] as const;
export type FeedbackRole = (typeof FEEDBACK_ROLES)[number];

/** The three questions answered on a scale of 1 (not at all) to 5 (completely). */
export const FEEDBACK_SCALE_QUESTIONS = ['fair', 'understood', 'timely'] as const;
export type FeedbackScaleQuestion = (typeof FEEDBACK_SCALE_QUESTIONS)[number];

export const FEEDBACK_COMMENT_MAX_LENGTH = 2000;

const DAY_MS = 86_400_000;

/**
 * When an answer is recorded as given (its link's use too): the day only (midnight UTC of `now`),
 * so that no time kept with an answer can be matched against the moment someone used the service.
 */
export const feedbackAnsweredOn = (now: Date): Date => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

export interface FeedbackAnswers {
  /** Were you treated fairly? 1–5. */
  fair: number;
  /** Did you understand what was happening at each stage? 1–5. */
  understood: number;
  /** Was it dealt with in good time? 1–5. */
  timely: number;
  /** Would you use this route again? */
  useAgain: boolean;
  /** Anything else (optional free text). */
  comment: string | null;
}

/** One link sent to one person; the token itself is only ever in the email (here, its sha256). */
export interface FeedbackInvitation {
  id: string;
  caseId: string;
  role: FeedbackRole;
  /** The top-level stage the case ended from (a state name of its workflow, labelled by the registry). */
  stage: string | null;
  /** The year (Europe/London) the case ended. */
  endedYear: number;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** One answer to an invitation: the case, the side and the stage, never the person. */
export interface FeedbackResponse extends FeedbackAnswers {
  id: string;
  invitationId: string;
  caseId: string;
  role: FeedbackRole;
  stage: string | null;
  endedYear: number;
  submittedAt: Date;
}

/** Invitations and answers of one group (a stage reached, a year), counted by the database. */
export interface FeedbackTally {
  stage: string | null;
  endedYear: number;
  invited: number;
  responded: number;
  /** Sums over the responses (means are computed from them and `responded`). */
  fairSum: number;
  understoodSum: number;
  timelySum: number;
  useAgainYes: number;
}
