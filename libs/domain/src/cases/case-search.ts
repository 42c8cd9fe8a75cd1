/**
 * A text search over the cases: the words of a query, and what the index holds of a case, cut the
 * same way on every database. Words are runs of letters and digits, lower-cased, with accents and
 * compatibility forms folded (NFKD, marks dropped); everything else (quotes, hyphens, operators of
 * any search syntax) only separates words. The persistence adapters build their own queries from
 * these words and never see the text as typed.
 */
export interface CaseSearch {
  /** At least one; a case matches when it holds every word, the last one as a prefix. */
  words: string[];
  /** Set when the query is shaped like a case reference (e.g. SOUTHAMPTON-2026-0001): only that case matches. */
  reference: string | null;
}

export const CASE_SEARCH_MAX_LENGTH = 200;
export const CASE_SEARCH_MAX_WORDS = 20;

/** Control characters (tabs and line breaks too) and lone surrogates have no place in a search. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;
/** A compact's id in capitals (itself words joined by hyphens), the year, and a number of four digits or more. */
const REFERENCE = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*-\d{4}-\d{4,}$/u;

/** The searchable words of a text, in order (duplicates kept). */
export function searchWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** What a case's search index entry holds: the words of its reference, title and summary, one space apart. */
export function caseSearchDocument(c: { reference: string; title: string; summary: string }): string {
  return searchWords(`${c.reference} ${c.title} ${c.summary}`).join(' ');
}

/** A query as typed → the search, or why it cannot be one (a message for the `q` field). */
export function parseCaseSearch(q: string): { search: CaseSearch } | { error: string } {
  const text = q.trim();
  if (text.length === 0) return { error: 'Enter words or a case reference to search for' };
  if (text.length > CASE_SEARCH_MAX_LENGTH) return { error: `must be ${CASE_SEARCH_MAX_LENGTH} characters or fewer` };
  if (UNPRINTABLE.test(text)) return { error: 'must not contain control characters' };
  const words = [...new Set(searchWords(text))];
  if (words.length === 0) return { error: 'must contain a letter or a digit' };
  if (words.length > CASE_SEARCH_MAX_WORDS) return { error: `must be ${CASE_SEARCH_MAX_WORDS} words or fewer` };
  return { search: { words, reference: REFERENCE.test(text) ? text.toUpperCase() : null } };
}
