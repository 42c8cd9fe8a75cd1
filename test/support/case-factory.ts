import { compactDisputeV1 } from '@compact/workflows';
import { ApiClient, ApiResponse } from './api-client';
import { breachOf45, Member, Parties } from './parties.fixture';

/** Who sends a step: the claimant (p.vcs), the respondent (p.council) or one of the two mediators. */
export type Sender = 'claimant' | 'respondent' | 'mediator' | 'mediator2' | 'admin';

export type Step = [type: string, by: Sender, payload?: Record<string, unknown>];

const ACKNOWLEDGED: Step[] = [['ACKNOWLEDGE', 'respondent']];
const FAILED: Step[] = [...ACKNOWLEDGED, ['DECLARE_NEGOTIATION_FAILED', 'claimant']];
const REFERRED: Step[] = [...FAILED, ['REFER_TO_MEDIATION', 'claimant']];
const DECLINED: Step[] = [...REFERRED, ['MEDIATOR_DECLINE', 'mediator']];
const FORMAL: Step[] = [...DECLINED, ['ESCALATE_FORMAL', 'claimant']];
const RESOLVED: Step[] = [...FORMAL, ['RECORD_DECISION', 'claimant']];

/** Named places on the escalation path and the events (with senders) that take a new case there. */
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

/** The organisation a case at this placement is currently referred to, and the one it was referred to before. */
export function mediatorsAt(placement: Placement): { current: 'mediator' | 'mediator2' | null; former: 'mediator' | null } {
  const referrals = PLACEMENTS[placement].filter(([type]) => type === 'REFER_TO_MEDIATION').length;
  if (referrals === 0) return { current: null, former: null };
  return referrals === 1 ? { current: 'mediator', former: null } : { current: 'mediator2', former: 'mediator' };
}

export class FixtureError extends Error {}

/** Builds cases over HTTP, as the real users would. */
export class CaseFactory {
  constructor(
    readonly api: ApiClient,
    readonly p: Parties,
  ) {}

  member(sender: Sender): Member {
    return { claimant: this.p.vcs, respondent: this.p.council, mediator: this.p.mediator, mediator2: this.p.mediator2, admin: this.p.admin }[
      sender
    ];
  }

  /** The event's declared `example` payload, with the placeholder mediator organisation replaced by a real one. */
  payload(type: string, mediator: 'mediator' | 'mediator2' = 'mediator'): Record<string, unknown> {
    const example = { ...compactDisputeV1.events[type].example };
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
    const mediator = (options?.mediator as 'mediator' | 'mediator2' | undefined) ?? 'mediator';
    const res = await this.send(caseId, type, by, this.payload(type, mediator));
    if (res.status !== 200) throw new FixtureError(`${type} by ${by} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  /** A new case (a breach of 4.5 by p.vcs against p.council unless overridden) taken to `placement`. */
  async place(placement: Placement, overrides: Record<string, unknown> = {}, by?: Member): Promise<any> {
    let view = await this.raise(overrides, by);
    for (const step of PLACEMENTS[placement]) view = (await this.step(view.id, step)).body;
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
