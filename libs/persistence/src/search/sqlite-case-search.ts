import { CaseSearch } from '@compact/domain';
import { CaseSearchIndex, SqlCondition } from './case-search-index';

/** An FTS5 string: in double quotes, a double quote doubled (the words never hold one; this is belt and braces). */
const ftsString = (word: string) => `"${word.replace(/"/g, '""')}"`;

/**
 * SQLite: `case_search` is an FTS5 virtual table (case_id UNINDEXED, document). The MATCH
 * expression is built here: each word a quoted string (so AND, OR, NOT, NEAR, `*`, `-`, `:` and
 * parentheses typed by someone are just words), joined by AND, the last one a prefix (`"word"*`).
 */
export const sqliteCaseSearch: CaseSearchIndex = {
  insertSql: 'INSERT INTO case_search (case_id, document) VALUES (?, ?)',
  matching(search: CaseSearch): SqlCondition {
    const expression = search.words.map((w, i) => ftsString(w) + (i === search.words.length - 1 ? '*' : '')).join(' AND ');
    return { sql: 'c.id IN (SELECT case_id FROM case_search WHERE case_search MATCH ?)', params: [expression] };
  },
};
