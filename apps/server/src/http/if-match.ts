import { DomainError } from '@compact/domain';

/** `If-Match: "7"` -> 7; absent -> undefined; anything else is a clear 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))\s*$/.exec(header);
  if (!match) {
    throw DomainError.validation([{ field: 'If-Match', message: 'must be the case version in quotes, e.g. "3"' }]);
  }
  return Number(match[1] ?? match[2]);
}

export const etagOf = (version: number): string => `"${version}"`;
