import { CaseSearchIndex } from './case-search-index';
import { postgresCaseSearch } from './postgres-case-search';
import { sqliteCaseSearch } from './sqlite-case-search';

export const caseSearchIndexOf = (postgres: boolean): CaseSearchIndex => (postgres ? postgresCaseSearch : sqliteCaseSearch);
