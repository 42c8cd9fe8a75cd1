import { readFileSync } from 'node:fs';
import { CompactCatalogError, CompactIndex, parseCompactCatalog } from '@compact/domain';

/** Reads and validates a Compact file; a missing, unreadable or malformed file throws CompactCatalogError. */
export function loadCompact(file: string): CompactIndex {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CompactCatalogError(file, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CompactCatalogError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return new CompactIndex(parseCompactCatalog(raw, file));
}
