import { CaseSearch } from '@compact/domain';

/** A condition on `cases c` for a WHERE clause, with its bound values (`?` placeholders). */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The text index of the cases, one adapter per database, both on a table named `case_search`
 * holding one entry per case: the case id and its search document (see `caseSearchDocument`).
 * Written in the same transaction as the case (reference, title and summary never change after
 * a case is raised). Queries are built from the search's words only, each quoted by the adapter.
 */
export interface CaseSearchIndex {
  /** The statement that adds a case's entry: binds (case id, document). */
  readonly insertSql: string;
  /** Cases holding every word of the search, the last one as a prefix. */
  matching(search: CaseSearch): SqlCondition;
}
