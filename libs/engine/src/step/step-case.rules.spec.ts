import { WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { CaseRelation, DEFAULT_COMPACT_DEADLINES, DomainError, ErrorCode, OrganisationKind } from '@compact/domain';
import { compactDisputeV1 } from '@compact/workflows';
import type { AnyMachineSnapshot } from 'xstate';
import { WorkflowRuntime } from '../workflow/workflow-runtime';
import { stepCase } from './step-case';

const clock = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
const runtime = new WorkflowRuntime(compactDisputeV1, { clock, deadlines: DEFAULT_COMPACT_DEADLINES });
const MEDIATOR = '11111111-1111-4111-8111-111111111111';
const ORGS = new Map<string, OrganisationKind>([[MEDIATOR, 'mediator']]);
const FORMAL = { route: 'ombudsman', body: 'Local Government and Social Care Ombudsman', reference: 'LGSCO-1' };

const started = (): AnyMachineSnapshot =>
  runtime.start({ kind: 'breach', becameAwareOn: '2026-02-20', at: '2026-03-02T10:00:00.000Z' }).snapshot;

function step(snapshot: AnyMachineSnapshot, relation: CaseRelation, type: string, payload: Record<string, unknown> = {}) {
  return stepCase({ runtime, snapshot, relation, type, payload, at: new Date('2026-03-03T12:00:00.000Z'), organisations: ORGS }).next;
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

const discussing = () => step(started(), 'respondent', 'ACKNOWLEDGE').snapshot;
const failed = () => step(discussing(), 'claimant', 'DECLARE_NEGOTIATION_FAILED', { reason: 'No progress.' }).snapshot;
const proposedBy = (by: 'claimant' | 'respondent') =>
  step(discussing(), by, 'PROPOSE_RESOLUTION', { proposal: `Offer from the ${by}.` }).snapshot;
const mediationEnded = () => {
  const referred = step(failed(), 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: MEDIATOR }).snapshot;
  return step(referred, 'mediator', 'MEDIATOR_DECLINE', { reason: 'Outside our area.' }).snapshot;
};

describe('stepCase: ESCALATE_FORMAL and the reason to skip mediation', () => {
  it('needs skipMediationReason when mediation was never tried', () => {
    const e = refusal(() => step(failed(), 'claimant', 'ESCALATE_FORMAL', FORMAL));
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.details.errors).toEqual([{ field: 'skipMediationReason', message: 'is required when mediation has not been tried' }]);
  });

  it('refuses a blank skipMediationReason', () => {
    const e = refusal(() => step(failed(), 'claimant', 'ESCALATE_FORMAL', { ...FORMAL, skipMediationReason: '  ' }));
    expect(e.details.errors).toEqual([{ field: 'skipMediationReason', message: 'must not be blank' }]);
  });

  it('escalates from failed negotiation with a reason, and records it', () => {
    const next = step(failed(), 'respondent', 'ESCALATE_FORMAL', { ...FORMAL, skipMediationReason: 'No engagement.' });
    expect(next.path).toBe('formal.underConsideration');
    expect(next.snapshot.context.formal).toMatchObject({ route: 'ombudsman', reference: 'LGSCO-1', skipMediationReason: 'No engagement.' });
  });

  it('escalates straight from an overdue acknowledgement with a reason', () => {
    const overdue = step(started(), 'system', 'ACKNOWLEDGEMENT_OVERDUE').snapshot;
    expect(refusal(() => step(overdue, 'claimant', 'ESCALATE_FORMAL', FORMAL)).code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(step(overdue, 'claimant', 'ESCALATE_FORMAL', { ...FORMAL, skipMediationReason: 'Silence.' }).path).toBe(
      'formal.underConsideration',
    );
  });

  it('is not possible while negotiation is still open, reason or not', () => {
    const e = refusal(() => step(discussing(), 'claimant', 'ESCALATE_FORMAL', { ...FORMAL, skipMediationReason: 'x' }));
    expect(e.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
  });

  it('needs no reason once mediation was tried', () => {
    const next = step(mediationEnded(), 'claimant', 'ESCALATE_FORMAL', FORMAL);
    expect(next.path).toBe('formal.underConsideration');
    expect(next.snapshot.context.formal.skipMediationReason).toBeNull();
  });

  it('needs a reason again after a fresh referral reset the mediation outcome', () => {
    const ended = mediationEnded();
    const again = step(ended, 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: MEDIATOR }).snapshot;
    expect(again.context.mediationOutcome).toBeNull();
    expect(refusal(() => step(again, 'claimant', 'ESCALATE_FORMAL', FORMAL)).code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
  });
});

describe('stepCase: answering a proposal', () => {
  it.each([
    ['claimant', 'respondent'],
    ['respondent', 'claimant'],
  ] as const)('a proposal by the %s is accepted by the %s only', (proposer, other) => {
    const pending = proposedBy(proposer);
    for (const type of ['ACCEPT_RESOLUTION', 'REJECT_RESOLUTION']) {
      const e = refusal(() => step(pending, proposer, type, type === 'REJECT_RESOLUTION' ? { reason: 'no' } : {}));
      expect(e.code).toBe(ErrorCode.FORBIDDEN_EVENT);
      expect(e.message).toContain('the party who did not make the pending proposal');
      expect(e.details.allowedEvents).toContain('PROPOSE_RESOLUTION');
      expect(e.details.allowedEvents).not.toContain(type);
    }
    const accepted = step(pending, other, 'ACCEPT_RESOLUTION');
    expect(accepted.path).toBe('resolved');
    expect(accepted.snapshot.context.resolution).toMatchObject({ via: 'negotiation', summary: `Offer from the ${proposer}.` });
  });

  it('a rejection returns to discussion and clears the proposal', () => {
    const next = step(proposedBy('claimant'), 'respondent', 'REJECT_RESOLUTION', { reason: 'Too little.' });
    expect(next.path).toBe('negotiation.discussing');
    expect(next.snapshot.context.proposal).toBeNull();
  });

  it('a counter-proposal makes the other party the one to answer', () => {
    const countered = step(proposedBy('claimant'), 'respondent', 'PROPOSE_RESOLUTION', { proposal: 'Counter.' }).snapshot;
    expect(countered.context.proposal).toMatchObject({ by: 'respondent', text: 'Counter.' });
    expect(refusal(() => step(countered, 'respondent', 'ACCEPT_RESOLUTION')).code).toBe(ErrorCode.FORBIDDEN_EVENT);
    expect(step(countered, 'claimant', 'ACCEPT_RESOLUTION').snapshot.context.resolution.summary).toBe('Counter.');
  });
});

describe('stepCase: PROPOSAL_OVERDUE', () => {
  it("unlocks referral when the claimant's proposal went unanswered", () => {
    const overdue = step(proposedBy('claimant'), 'system', 'PROPOSAL_OVERDUE');
    expect(overdue.path).toBe('negotiation.discussing');
    expect(overdue.snapshot.context.referralUnlockedBy).toBe('proposal-overdue');
    expect(overdue.snapshot.context.proposal).toBeNull();
    expect(step(overdue.snapshot, 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: MEDIATOR }).path).toBe(
      'mediation.awaitingMediator',
    );
  });

  it("does not unlock referral when the respondent's own proposal went unanswered", () => {
    const overdue = step(proposedBy('respondent'), 'system', 'PROPOSAL_OVERDUE');
    expect(overdue.path).toBe('negotiation.discussing');
    expect(overdue.snapshot.context.referralUnlockedBy).toBeNull();
    expect(overdue.snapshot.context.proposal).toBeNull();
    const e = refusal(() => step(overdue.snapshot, 'respondent', 'REFER_TO_MEDIATION', { mediatorOrganisationId: MEDIATOR }));
    expect(e.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
  });

  it('does not replace an earlier reason for unlocking', () => {
    const unlocked = step(discussing(), 'system', 'NEGOTIATION_PERIOD_ENDED').snapshot;
    expect(unlocked.context.referralUnlockedBy).toBe('negotiation-period-ended');
    const pending = step(unlocked, 'claimant', 'PROPOSE_RESOLUTION', { proposal: 'Last offer.' }).snapshot;
    expect(step(pending, 'system', 'PROPOSAL_OVERDUE').snapshot.context.referralUnlockedBy).toBe('negotiation-period-ended');
  });

  it('is not possible without a pending proposal', () => {
    expect(refusal(() => step(discussing(), 'system', 'PROPOSAL_OVERDUE')).code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
  });
});

describe('stepCase: a deadline the respondent missed opens the way on for the claimant only', () => {
  const ackOverdue = () => step(started(), 'system', 'ACKNOWLEDGEMENT_OVERDUE').snapshot;
  const refer = { mediatorOrganisationId: MEDIATOR };

  it('lets the claimant, not the respondent who never acknowledged, refer or escalate the case', () => {
    const overdue = ackOverdue();
    for (const [type, payload] of [
      ['REFER_TO_MEDIATION', refer],
      ['ESCALATE_FORMAL', { ...FORMAL, skipMediationReason: 'Silence.' }],
    ] as const) {
      const e = refusal(() => step(overdue, 'respondent', type, payload));
      expect(e.code).toBe(ErrorCode.FORBIDDEN_EVENT);
      expect(e.message).toContain('the claimant alone after a deadline the respondent missed');
      expect(e.details.allowedEvents).toEqual(['ACKNOWLEDGE', 'ADD_NOTE']);
    }
    expect(step(overdue, 'claimant', 'REFER_TO_MEDIATION', refer).path).toBe('mediation.awaitingMediator');
    expect(runtime.allowedEvents(overdue, 'claimant', '2026-03-12T10:00:00.000Z')).toEqual(
      expect.arrayContaining(['REFER_TO_MEDIATION', 'ESCALATE_FORMAL', 'WITHDRAW']),
    );
  });

  it("keeps the respondent from referring after leaving the claimant's proposal unanswered", () => {
    const overdue = step(proposedBy('claimant'), 'system', 'PROPOSAL_OVERDUE').snapshot;
    expect(refusal(() => step(overdue, 'respondent', 'REFER_TO_MEDIATION', refer)).code).toBe(ErrorCode.FORBIDDEN_EVENT);
    expect(step(overdue, 'claimant', 'REFER_TO_MEDIATION', refer).path).toBe('mediation.awaitingMediator');
  });

  it('lets a respondent who acknowledged late refer once negotiation is declared failed', () => {
    const late = step(ackOverdue(), 'respondent', 'ACKNOWLEDGE').snapshot;
    expect(refusal(() => step(late, 'respondent', 'REFER_TO_MEDIATION', refer)).code).toBe(ErrorCode.FORBIDDEN_EVENT);
    const failedNow = step(late, 'respondent', 'DECLARE_NEGOTIATION_FAILED', { reason: 'We cannot agree.' }).snapshot;
    expect(step(failedNow, 'respondent', 'REFER_TO_MEDIATION', refer).path).toBe('mediation.awaitingMediator');
  });

  it('lets either party go on after mediation, whoever missed a deadline before it', () => {
    const referred = step(ackOverdue(), 'claimant', 'REFER_TO_MEDIATION', refer).snapshot;
    const ended = step(referred, 'mediator', 'MEDIATOR_DECLINE', { reason: 'Outside our area.' }).snapshot;
    expect(step(ended, 'respondent', 'ESCALATE_FORMAL', FORMAL).path).toBe('formal.underConsideration');
  });
});
