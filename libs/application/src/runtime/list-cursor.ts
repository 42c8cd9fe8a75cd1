import { DomainError } from '@compact/domain';

/** The opaque cursor of a list paged newest first: the createdAt and id of the last row already seen. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.getTime()}|${id}`, 'utf8').toString('base64url');
}

/** Reads a cursor this API gave out; anything else is a 400 naming the `cursor` field. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [ms, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!/^\d+$/.test(ms ?? '') || !id) throw DomainError.validation([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  return { createdAt: new Date(Number(ms)), id };
}
