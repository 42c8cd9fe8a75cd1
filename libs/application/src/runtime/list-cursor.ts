import { DomainError } from '@compact/domain';

/** The opaque cursor of a list paged newest first: the createdAt and id of the last row already seen. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.getTime()}|${id}`, 'utf8').toString('base64url');
}

/** The latest instant a JavaScript Date can hold (8.64e15 ms after 1970). */
const MAX_TIME_MS = 8.64e15;

/**
 * Reads a cursor this API gave out: a time a date can hold and a plausible id. Anything else is a
 * 400 naming the `cursor` field (so no impossible value ever reaches the SQL, bound or not).
 */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,16})\|([0-9a-f-]{1,36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const ms = match ? Number(match[1]) : NaN;
  if (!match || !(ms <= MAX_TIME_MS)) throw DomainError.validation([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  return { createdAt: new Date(ms), id: match[2] };
}
