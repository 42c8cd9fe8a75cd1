import { MailKind } from './outbox-message';

/**
 * How a person gets the email about their cases: `every` email as it happens (the default, for
 * anyone who never chose), or one `daily` digest of what was held for them. Emails about a
 * deadline the person must meet, and sign-in links, come at once whichever they chose.
 */
export const MAIL_FREQUENCIES = ['every', 'daily'] as const;
export type MailFrequency = (typeof MAIL_FREQUENCIES)[number];

export const isMailFrequency = (value: unknown): value is MailFrequency => MAIL_FREQUENCIES.includes(value as MailFrequency);

/** One case email held back for a person's next daily digest: what the digest lists of it. */
export interface HeldMail {
  id: string;
  userId: string;
  caseId: string;
  caseReference: string;
  caseTitle: string;
  /** The kind of the email it stands for. */
  kind: MailKind;
  /** What the email said happened, in its own subject's words (without the case reference). */
  summary: string;
  /** The email's "What happened" line, when it had one. */
  detail: string | null;
  heldAt: Date;
  /** When the digest that lists it is due: the person's next digest time after it was held. */
  dueAt: Date;
}

/** Each person's email choice, and the mail held for their daily digest until it is sent. */
export abstract class MailDigestRepository {
  /** The person's choice: `every` when they never made one. */
  abstract frequencyOf(userId: string): Promise<MailFrequency>;
  /** Records the person's choice (the row then stays: a digest being composed locks it). */
  abstract setFrequency(userId: string, frequency: MailFrequency, at: Date): Promise<void>;
  /** Of these people, those who chose a daily digest. */
  abstract dailyReaders(userIds: string[]): Promise<string[]>;
  abstract hold(items: HeldMail[]): Promise<void>;
  /** Makes everything held for the person due at `at` (they chose every email again); answers how many. */
  abstract releaseHeld(userId: string, at: Date): Promise<number>;
  /** How much is held for the person, and when the earliest of it is due (null when nothing is held). */
  abstract heldFor(userId: string): Promise<{ count: number; dueAt: Date | null }>;
  /** The people with held mail due at or before `now`, the longest waiting first. */
  abstract dueReaders(now: Date, limit: number): Promise<string[]>;
  /**
   * Inside a write: takes the person's digest for the rest of the transaction, without waiting;
   * false when another transaction (another instance's poll) is composing it at this moment.
   */
  abstract lockReader(userId: string): Promise<boolean>;
  /** Inside a write: removes and answers the person's held mail due at or before `now`, oldest first. */
  abstract takeDue(userId: string, now: Date): Promise<HeldMail[]>;
}
