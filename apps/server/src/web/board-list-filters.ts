import { OUTCOME_LABELS, type ListCasesInput, type StageLabel } from '@compact/application';
import type { CaseOutcome } from '@compact/domain';
import { dayLabel } from './board.presenter';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const PART_WORDS: Record<string, string> = { claimant: 'raised by', respondent: 'against', mediator: 'referred to' };

/** The filters of /cases that the board's figures link with, as the list page reads them. */
export interface BoardListFilters {
  /** For ListCasesUseCase (its checks refuse what is not right). */
  input: Pick<ListCasesInput, 'outcome' | 'raisedFrom' | 'raisedTo' | 'resolvedStage' | 'part' | 'missed' | 'missedBy'>;
  /** The same as query parameters, to carry from page to page and through the filter form. */
  params: Array<[string, string]>;
  /** What they keep, in words: "raised from 1 January 2026 to 31 January 2026". */
  described: string[];
}

/**
 * Reads the board's filters from the query string of /cases: `outcome` (comma-separated),
 * `raisedFrom` and `raisedTo` (YYYY-MM-DD), `resolvedStage`, `part` (with `organisation`),
 * `missed=yes` and `missedBy` (an organisation id). The names are the API's (GET /api/v1/cases).
 */
export function boardListFilters(query: Record<string, unknown>, names: { organisation: (id: string) => string; stages: readonly StageLabel[] }): BoardListFilters {
  const value = {
    outcome: str(query.outcome),
    raisedFrom: str(query.raisedFrom),
    raisedTo: str(query.raisedTo),
    resolvedStage: str(query.resolvedStage),
    part: str(query.part),
    missed: query.missed === 'yes' ? 'yes' : '',
    missedBy: /^[0-9a-f-]{36}$/i.test(str(query.missedBy)) ? str(query.missedBy) : '',
  };
  const input: BoardListFilters['input'] = {
    outcome: value.outcome || undefined,
    raisedFrom: value.raisedFrom || undefined,
    raisedTo: value.raisedTo || undefined,
    resolvedStage: value.resolvedStage || undefined,
    part: value.part || undefined,
    missed: value.missed === 'yes' || undefined,
    missedBy: value.missedBy || undefined,
  };
  const params = Object.entries(value).filter(([, v]) => v !== '');
  const described: string[] = [];
  const date = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? dayLabel(d) : d);
  if (value.raisedFrom && value.raisedTo) described.push(`raised from ${date(value.raisedFrom)} to ${date(value.raisedTo)}`);
  else if (value.raisedFrom) described.push(`raised on or after ${date(value.raisedFrom)}`);
  else if (value.raisedTo) described.push(`raised on or before ${date(value.raisedTo)}`);
  if (value.outcome) {
    const words = value.outcome.split(',').map((o) => OUTCOME_LABELS[o.trim() as CaseOutcome] ?? o);
    described.push(`outcome: ${words.join(', ').toLowerCase()}`);
  }
  if (value.resolvedStage) described.push(`resolved at: ${(names.stages.find((s) => s.state === value.resolvedStage)?.label ?? value.resolvedStage).toLowerCase()}`);
  if (value.part && str(query.organisation)) described.push(`${PART_WORDS[value.part] ?? value.part} ${names.organisation(str(query.organisation))}`);
  if (value.missed) described.push('a deadline was missed');
  if (value.missedBy) described.push(`${names.organisation(value.missedBy)} missed a deadline`);
  return { input, params, described };
}
