import { Injectable } from '@nestjs/common';
import {
  CASE_OUTCOMES,
  CaseListQuery,
  CaseOutcome,
  CaseParticipant,
  CaseRecord,
  CaseRelation,
  CaseSearch,
  CaseTimer,
  DomainError,
  FieldError,
  parseCaseSearch,
  Store,
  TimeWindow,
} from '@compact/domain';
import { Caller, relationOf, visibilityOf } from '../auth/caller';
import { decodeCursor, encodeCursor } from '../runtime/list-cursor';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { raisedWindow } from '../board/raised-window';
import { nextMove } from './next-move';

const PARTS: ReadonlyArray<CaseParticipant['part']> = ['claimant', 'respondent', 'mediator'];

export interface ListCasesInput {
  state?: string;
  undertaking?: string;
  organisation?: string;
  cursor?: string;
  limit?: number;
  /** With `organisation`: only cases in which it takes this part (claimant, respondent or mediator). */
  part?: string;
  /** Only cases with one of these outcomes (comma-separated: `monitoring,resolved,closed`). */
  outcome?: string;
  /** Only cases raised on or after this London date (YYYY-MM-DD). */
  raisedFrom?: string;
  /** Only cases raised on or before this London date (YYYY-MM-DD). */
  raisedTo?: string;
  /** Only cases resolved at this top-level stage (of whichever installed version each case runs on). */
  resolvedStage?: string;
  /** Only cases in which a deadline was missed. */
  missed?: boolean;
  /** Only cases in which this organisation missed a deadline it had to meet. */
  missedBy?: string;
  /** Only open cases in which a deadline was missed. */
  overdue?: boolean;
  /** Words to find in the reference, title and summary (all of them; the last may be the start of a word), or a case reference. */
  q?: string;
}

export interface CaseSummary {
  id: string;
  reference: string;
  title: string;
  kind: string;
  state: string;
  statePath: string;
  stateLabel: string;
  workflow: { name: string; version: number };
  outcome: string;
  version: number;
  claimantOrganisationId: string;
  respondentOrganisationId: string;
  mediatorOrganisationId: string | null;
  undertakings: string[];
  yourPart: string;
  /** The soonest move the case waits for (from its deadlines), or null when nobody must act by a date. */
  nextMove: ListedMove | null;
  createdAt: string;
  updatedAt: string;
}

/** Whose move a case waits for, as a list shows it. */
export interface ListedMove {
  /** Whether the caller's own part must make it. */
  yours: boolean;
  /** The organisations that must act. */
  who: string[];
  /** What they must do, after "must": "acknowledge the case". */
  todo: string;
  /** The last day on which it is in time (Europe/London). */
  dueDate: string;
}

export interface CasePage {
  items: CaseSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The cases the caller may see, newest first, filtered and cursor-paginated. */
@Injectable()
export class ListCasesUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  async execute(caller: Caller, input: ListCasesInput): Promise<CasePage> {
    const limit = input.limit ?? 20;
    // Every top-level state some installed version has (a deployment may hold cases of several).
    const states = this.registry.stages().map((s) => s.state);
    if (input.state && !states.includes(input.state)) {
      throw DomainError.validation([{ field: 'state', message: `must be one of: ${states.join(', ')}` }]);
    }
    if (input.undertaking && !this.registry.compact.find(input.undertaking)) {
      throw DomainError.validation([{ field: 'undertaking', message: `'${input.undertaking}' is not an undertaking of the Compact` }]);
    }
    const filters = this.boardFilters(input, states);
    const search = input.q === undefined ? undefined : searchOf(input.q);
    const { rows, timers, names } = await this.store.read(async (r) => {
      const rows = await r.cases.list({
        visibility: visibilityOf(caller),
        state: input.state,
        undertakingId: input.undertaking,
        organisationId: input.organisation,
        ...filters,
        overdue: input.overdue,
        search,
        after: input.cursor ? decodeCursor(input.cursor) : undefined,
        limit: limit + 1,
      });
      const shown = rows.slice(0, limit);
      const orgIds = [...new Set(shown.flatMap((c) => [c.claimantOrganisationId, c.respondentOrganisationId, c.mediatorOrganisationId ?? []].flat()))];
      const [timers, organisations] = await Promise.all([r.timers.listByCases(shown.map((c) => c.id)), r.organisations.findByIds(orgIds)]);
      return { rows, timers, names: new Map(organisations.map((o) => [o.id, o.name])) };
    });
    const page = rows.slice(0, limit);
    const timersOf = new Map<string, CaseTimer[]>();
    for (const t of timers) timersOf.set(t.caseId, [...(timersOf.get(t.caseId) ?? []), t]);
    const last = page[page.length - 1];
    return {
      items: page.map((c) => ({
        id: c.id,
        reference: c.reference,
        title: c.title,
        kind: c.kind,
        state: c.state,
        statePath: c.statePath,
        stateLabel: this.registry.of(c).describeState(c.statePath),
        workflow: { name: c.workflowName, version: c.workflowVersion },
        outcome: c.outcome,
        version: c.version,
        claimantOrganisationId: c.claimantOrganisationId,
        respondentOrganisationId: c.respondentOrganisationId,
        mediatorOrganisationId: c.mediatorOrganisationId,
        undertakings: c.undertakingIds,
        yourPart: relationOf(caller, c),
        nextMove: this.soonestMove(c, relationOf(caller, c), timersOf.get(c.id) ?? [], names),
        createdAt: c.createdAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  }

  /** The filters the board's figures link with, checked: outcomes, the raising window, the resolved stage, part, missed deadlines. */
  private boardFilters(input: ListCasesInput, states: string[]): Pick<CaseListQuery, 'part' | 'outcomes' | 'raised' | 'resolvedStage' | 'missed' | 'missedBy'> {
    const errors: FieldError[] = [];
    let outcomes: CaseOutcome[] | undefined;
    if (input.outcome !== undefined && input.outcome !== '') {
      const asked = input.outcome.split(',').map((o) => o.trim());
      const unknown = asked.filter((o) => !(CASE_OUTCOMES as readonly string[]).includes(o));
      if (unknown.length > 0) errors.push({ field: 'outcome', message: `must be one or more of: ${CASE_OUTCOMES.join(', ')} (comma-separated)` });
      else outcomes = [...new Set(asked)] as CaseOutcome[];
    }
    if (input.resolvedStage && !states.includes(input.resolvedStage)) {
      errors.push({ field: 'resolvedStage', message: `must be one of: ${states.join(', ')}` });
    }
    if (input.part !== undefined && !PARTS.includes(input.part as CaseParticipant['part'])) {
      errors.push({ field: 'part', message: `must be one of: ${PARTS.join(', ')}` });
    } else if (input.part !== undefined && !input.organisation) {
      errors.push({ field: 'part', message: 'needs organisation: the part that organisation takes' });
    }
    let raised: TimeWindow | null = null;
    try {
      raised = raisedWindow(input);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push(...(error.details.errors ?? []));
    }
    if (errors.length > 0) throw DomainError.validation(errors);
    return {
      part: input.part as CaseParticipant['part'] | undefined,
      outcomes,
      raised: raised ?? undefined,
      resolvedStage: input.resolvedStage || undefined,
      missed: input.missed || undefined,
      missedBy: input.missedBy || undefined,
    };
  }

  /** The soonest pending move of the case, read from its own workflow (the function the case page's banner uses). */
  private soonestMove(c: CaseRecord, relation: CaseRelation, timers: CaseTimer[], names: Map<string, string>): ListedMove | null {
    const nameOf = (id: string | null, fallback: string) => (id ? (names.get(id) ?? fallback) : fallback);
    const move = nextMove({
      workflow: this.registry.of(c),
      context: (c.snapshot as { context?: unknown }).context,
      timers,
      names: {
        claimant: nameOf(c.claimantOrganisationId, 'the claimant'),
        respondent: nameOf(c.respondentOrganisationId, 'the respondent'),
        mediator: nameOf(c.mediatorOrganisationId, 'the mediator'),
      },
      relation,
      allowedEvents: [],
    });
    const soonest = [...move.yours, ...move.theirs].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    if (!soonest) return null;
    return { yours: move.yours.includes(soonest), who: soonest.who, todo: soonest.todo, dueDate: soonest.dueDate };
  }
}

function searchOf(q: string): CaseSearch {
  const parsed = parseCaseSearch(q);
  if ('error' in parsed) throw DomainError.validation([{ field: 'q', message: parsed.error }]);
  return parsed.search;
}
