import type { WorkflowDefinition } from '@compact/engine';
import { compactDisputeV1 } from '@compact/workflows';
import { ApiClient, ApiResponse } from './api-client';
import { breachOf45, Member, Parties } from './parties.fixture';

/** Who sends a step: the claimant (p.vcs), the respondent (p.council) or one of the two mediators. */
export type Sender = 'claimant' | 'respondent' | 'mediator' | 'mediator2' | 'admin';

/** How a step departs from the event's declared example: the mediator it refers to, or a payload of its own (in place of the example). */
export interface StepOptions {
  mediator?: 'mediator' | 'mediator2';
  payload?: Record<string, unknown>;
}

export type Step = [type: string, by: Sender, options?: StepOptions];

/** Named places on a version's escalation path, each with the events (and senders) that take a new case there. */
export type Placements<P extends string = string> = Readonly<Record<P, readonly Step[]>>;

const ACKNOWLEDGED: Step[] = [['ACKNOWLEDGE', 'respondent']];
const FAILED: Step[] = [...ACKNOWLEDGED, ['DECLARE_NEGOTIATION_FAILED', 'claimant']];
const REFERRED: Step[] = [...FAILED, ['REFER_TO_MEDIATION', 'claimant']];
const DECLINED: Step[] = [...REFERRED, ['MEDIATOR_DECLINE', 'mediator']];
const FORMAL: Step[] = [...DECLINED, ['ESCALATE_FORMAL', 'claimant']];
const RESOLVED: Step[] = [...FORMAL, ['RECORD_DECISION', 'claimant']];

/** Named places on v1's escalation path and the events (with senders) that take a new case there. */
export const PLACEMENTS = {
  raised: [] as Step[],
  discussing: ACKNOWLEDGED,
  proposalByClaimant: [...ACKNOWLEDGED, ['PROPOSE_RESOLUTION', 'claimant']] as Step[],
  proposalByRespondent: [...ACKNOWLEDGED, ['PROPOSE_RESOLUTION', 'respondent']] as Step[],
  negotiationFailed: FAILED,
  awaitingMediator: REFERRED,
  inMediation: [...REFERRED, ['MEDIATOR_ACCEPT', 'mediator']] as Step[],
  mediationDeclined: DECLINED,
  /** Declined by the first mediator, then referred to the second: the first is now a former mediator. */
  referredElsewhere: [...DECLINED, ['REFER_TO_MEDIATION', 'claimant', { mediator: 'mediator2' }]] as Step[],
  formal: FORMAL,
  resolved: RESOLVED,
  closed: [...RESOLVED, ['CLOSE', 'respondent']] as Step[],
} satisfies Record<string, Step[]>;

export type Placement = keyof typeof PLACEMENTS;

export interface Mediators {
  current: 'mediator' | 'mediator2' | null;
  former: 'mediator' | 'mediator2' | null;
}

/** The organisation a case built by these steps is currently referred to, and the one it was referred to before. */
export function mediatorsOf(steps: readonly Step[]): Mediators {
  const referred = steps.filter(([type]) => type === 'REFER_TO_MEDIATION').map(([, , options]) => options?.mediator ?? 'mediator');
  const current = referred.at(-1) ?? null;
  return { current, former: referred.filter((m) => m !== current).at(-1) ?? null };
}

/** The organisation a case at this v1 placement is currently referred to, and the one it was referred to before. */
export function mediatorsAt(placement: Placement): Mediators {
  return mediatorsOf(PLACEMENTS[placement]);
}

export class FixtureError extends Error {}

/**
 * Builds cases over HTTP, as the real users would. Payloads come from the declared examples of
 * `workflow` (v1 unless given) and placements from `placements` (v1's unless given): give both
 * for the version the app starts new cases on.
 */
export class CaseFactory<P extends string = Placement> {
  readonly placements: Placements<P>;

  constructor(
    readonly api: ApiClient,
    readonly p: Parties,
    readonly workflow: WorkflowDefinition = compactDisputeV1,
    placements?: Placements<P>,
  ) {
    this.placements = placements ?? (PLACEMENTS as unknown as Placements<P>);
  }

  member(sender: Sender): Member {
    return { claimant: this.p.vcs, respondent: this.p.council, mediator: this.p.mediator, mediator2: this.p.mediator2, admin: this.p.admin }[
      sender
    ];
  }

  /** The event's declared `example` payload, with the placeholder mediator organisation replaced by a real one. */
  payload(type: string, mediator: 'mediator' | 'mediator2' = 'mediator'): Record<string, unknown> {
    const example = { ...this.workflow.events[type].example };
    if ('mediatorOrganisationId' in example) example.mediatorOrganisationId = this.p.orgs[mediator];
    return example;
  }

  async raise(overrides: Record<string, unknown> = {}, by: Member = this.p.vcs): Promise<any> {
    const res = await this.api.post('/api/v1/cases', breachOf45(this.p, overrides), by.token);
    if (res.status !== 201) throw new FixtureError(`raising a case failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  send(caseId: string, type: string, by: Sender | Member, payload?: Record<string, unknown>, headers?: Record<string, string>) {
    const member = typeof by === 'string' ? this.member(by) : by;
    return this.api.event(caseId, { type, ...(payload ?? this.payload(type)) }, member.token, headers);
  }

  async step(caseId: string, [type, by, options]: Step): Promise<ApiResponse> {
    const res = await this.send(caseId, type, by, options?.payload ?? this.payload(type, options?.mediator ?? 'mediator'));
    if (res.status !== 200) throw new FixtureError(`${type} by ${by} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  /** A new case (a breach of 4.5 by p.vcs against p.council unless overridden) taken to `placement`. */
  async place(placement: P, overrides: Record<string, unknown> = {}, by?: Member): Promise<any> {
    let view = await this.raise(overrides, by);
    for (const step of this.placements[placement]) view = (await this.step(view.id, step)).body;
    return view;
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time; results in input order. */
export async function mapPool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  });
  await Promise.all(runners);
  return results;
}
