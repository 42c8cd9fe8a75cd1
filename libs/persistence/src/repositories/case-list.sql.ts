import { CaseListQuery } from '@compact/domain';
import { inList } from '../data-source/sql';
import { CaseSearchIndex } from '../search/case-search-index';

/**
 * The SELECT behind a page of the case list: visibility, filters, search, cursor, newest first.
 * Every value bound, none written into the SQL text (`?` placeholders; Sql turns them into `$n`
 * on PostgreSQL). Kept apart from the repository so a test can EXPLAIN exactly this statement.
 */
export function caseListSql(query: CaseListQuery, searchIndex: CaseSearchIndex): { text: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const { visibility } = query;
  if (!visibility.all) {
    where.push(`EXISTS (SELECT 1 FROM case_participants vp WHERE vp.case_id = c.id AND vp.organisation_id = ? AND vp.part IN ${inList(visibility.parts.length)})`);
    params.push(visibility.organisationId, ...visibility.parts);
  }
  if (query.state) {
    where.push('c.state = ?');
    params.push(query.state);
  }
  if (query.undertakingId) {
    where.push('EXISTS (SELECT 1 FROM case_undertakings cu WHERE cu.case_id = c.id AND cu.undertaking_id = ?)');
    params.push(query.undertakingId);
  }
  if (query.organisationId && query.part) {
    where.push('EXISTS (SELECT 1 FROM case_participants fp WHERE fp.case_id = c.id AND fp.organisation_id = ? AND fp.part = ?)');
    params.push(query.organisationId, query.part);
  } else if (query.organisationId) {
    where.push('EXISTS (SELECT 1 FROM case_participants fp WHERE fp.case_id = c.id AND fp.organisation_id = ?)');
    params.push(query.organisationId);
  }
  if (query.outcomes) {
    // An empty list matches nothing (no outcome is in it).
    where.push(query.outcomes.length > 0 ? `c.outcome IN ${inList(query.outcomes.length)}` : '1 = 0');
    params.push(...query.outcomes);
  }
  if (query.raised) {
    where.push('c.created_at >= ? AND c.created_at < ?');
    params.push(query.raised.from.getTime(), query.raised.to.getTime());
  }
  if (query.resolvedStage) {
    where.push('c.resolved_stage = ?');
    params.push(query.resolvedStage);
  }
  if (query.missed) where.push('c.deadlines_missed > 0');
  if (query.missedBy) {
    where.push('EXISTS (SELECT 1 FROM case_missed_deadlines md WHERE md.case_id = c.id AND md.organisation_id = ?)');
    params.push(query.missedBy);
  }
  if (query.overdue) where.push("c.deadlines_missed > 0 AND c.outcome IN ('open', 'monitoring')");
  if (query.search?.reference) {
    // A reference is unique: the unique index finds it, and nothing else matches.
    where.push('c.reference = ?');
    params.push(query.search.reference);
  } else if (query.search) {
    const condition = searchIndex.matching(query.search);
    where.push(condition.sql);
    params.push(...condition.params);
  }
  if (query.after) {
    // A row value, so that both databases seek in the (created_at, id) index; the same condition
    // written with OR makes SQLite walk the index from the newest case on every page.
    where.push('(c.created_at, c.id) < (?, ?)');
    params.push(query.after.createdAt.getTime(), query.after.id);
  }
  return {
    text: `SELECT c.* FROM cases c${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
    params: [...params, query.limit],
  };
}
