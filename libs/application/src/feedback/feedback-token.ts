import { createHash, randomBytes } from 'node:crypto';

/** A feedback link's token: 256 random bits, shown only in the email. */
export const newFeedbackToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a token: its sha256, so that a copy of the database answers no invitation. */
export const feedbackTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
