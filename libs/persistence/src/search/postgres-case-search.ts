import { CaseSearch } from '@compact/domain';
import { CaseSearchIndex, SqlCondition } from './case-search-index';

/** A tsquery operand: in single quotes, quotes and backslashes escaped (the words never hold one; belt and braces). */
const lexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * PostgreSQL: `case_search.document` is a tsvector (the `simple` configuration: no stemming or
 * stop words, as on SQLite) under a GIN index. The tsquery text is built here from quoted words,
 * ANDed, the last one a prefix (`'word':*`): what someone typed never reaches to_tsquery.
 */
export const postgresCaseSearch: CaseSearchIndex = {
  insertSql: "INSERT INTO case_search (case_id, document) VALUES (?, to_tsvector('simple', ?))",
  matching(search: CaseSearch): SqlCondition {
    const query = search.words.map((w, i) => lexeme(w) + (i === search.words.length - 1 ? ':*' : '')).join(' & ');
    return { sql: "c.id IN (SELECT s.case_id FROM case_search s WHERE s.document @@ to_tsquery('simple', ?))", params: [query] };
  },
};
