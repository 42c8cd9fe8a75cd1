import { Injectable } from '@nestjs/common';
import { CaseSearch, DomainError, parseCaseSearch, Store } from '@compact/domain';
import { Caller, relationOf, visibilityOf } from '../auth/caller';
import { decodeCursor, encodeCursor } from '../runtime/list-cursor';
import { WorkflowRegistry } from '../runtime/workflow-registry';

export interface ListCasesInput {
  state?: string;
  undertaking?: string;
  organisation?: string;
  cursor?: string;
  limit?: number;
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
  createdAt: string;
  updatedAt: string;
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
    const search = input.q === undefined ? undefined : searchOf(input.q);
    const rows = await this.store.read((r) =>
      r.cases.list({
        visibility: visibilityOf(caller),
        state: input.state,
        undertakingId: input.undertaking,
        organisationId: input.organisation,
        overdue: input.overdue,
        search,
        after: input.cursor ? decodeCursor(input.cursor) : undefined,
        limit: limit + 1,
      }),
    );
    const page = rows.slice(0, limit);
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
        createdAt: c.createdAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  }
}

function searchOf(q: string): CaseSearch {
  const parsed = parseCaseSearch(q);
  if ('error' in parsed) throw DomainError.validation([{ field: 'q', message: parsed.error }]);
  return parsed.search;
}
