import { CompressedDeadlineClock } from '@compact/calendar';
import { CaseRelation, DEFAULT_COMPACT_DEADLINES, DomainError, ErrorCode, OrganisationKind } from '@compact/domain';
import { compactDisputeV1 } from '@compact/workflows';
import type { AnyMachineSnapshot } from 'xstate';
import { WorkflowRuntime } from '../workflow/workflow-runtime';
import { organisationReferences, stepCase } from './step-case';

const runtime = new WorkflowRuntime(compactDisputeV1, { clock: new CompressedDeadlineClock(), deadlines: DEFAULT_COMPACT_DEADLINES });
const RAISED_AT = '2026-03-02T10:00:00.000Z';
const MEDIATOR = '11111111-1111-4111-8111-111111111111';
const VCS = '22222222-2222-4222-8222-222222222222';
const ORGS = new Map<string, OrganisationKind>([
  [MEDIATOR, 'mediator'],
  [VCS, 'vcs'],
]);

const started = (): AnyMachineSnapshot =>
  runtime.start({ kind: 'breach', becameAwareOn: '2026-02-20', at: RAISED_AT }).snapshot;

function step(snapshot: AnyMachineSnapshot, relation: CaseRelation, type: string, payload: Record<string, unknown> = {}) {
  return stepCase({ runtime, snapshot, relation, type, payload, at: new Date('2026-03-03T12:00:00.000Z'), organisations: ORGS });
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

const discussing = () => step(started(), 'respondent', 'ACKNOWLEDGE').next.snapshot;
const failed = () => step(discussing(), 'claimant', 'DECLARE_NEGOTIATION_FAILED', { reason: 'No progress.' }).next.snapshot;

describe('stepCase: unknown event types', () => {
  it.each(['NOPE', 'acknowledge', '', 'toString', '__proto__', 'constructor'])('refuses %p as VALIDATION_FAILED on `type`', (type) => {
    const e = refusal(() => step(started(), 'respondent', type));
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.details.errors).toEqual([{ field: 'type', message: expect.stringContaining(`'${type}' is not an event of compact-dispute/v1`) }]);
    expect(e.details.errors?.[0].message).toContain('ACKNOWLEDGE, PROPOSE_RESOLUTION');
  });
});

describe('stepCase: permission (FORBIDDEN_EVENT)', () => {
  it('refuses an event the relation may not send, naming who may and what the caller may send', () => {
    const e = refusal(() => step(started(), 'claimant', 'ACKNOWLEDGE'));
    expect(e.code).toBe(ErrorCode.FORBIDDEN_EVENT);
    expect(e.message).toBe('ACKNOWLEDGE may be sent only by the respondent');
    expect([...(e.details.allowedEvents ?? [])].sort()).toEqual(['ADD_NOTE', 'WITHDRAW']);
  });

  it.each<CaseRelation>(['board', 'none', 'former-mediator'])('gives %s no events at all', (relation) => {
    const e = refusal(() => step(discussing(), relation, 'ADD_NOTE', { note: 'hello' }));
    expect(e.code).toBe(ErrorCode.FORBIDDEN_EVENT);
    expect(e.details.allowedEvents).toEqual([]);
  });

  it.each(['ACKNOWLEDGEMENT_OVERDUE', 'PROPOSAL_OVERDUE', 'NEGOTIATION_PERIOD_ENDED', 'MEDIATOR_RESPONSE_OVERDUE', 'OMBUDSMAN_LIMIT_APPROACHING'])(
    'keeps the timer event %s for the system',
    (type) => {
      for (const relation of ['claimant', 'respondent', 'mediator', 'admin'] as const) {
        expect(refusal(() => step(started(), relation, type)).code).toBe(ErrorCode.FORBIDDEN_EVENT);
      }
    },
  );

  it('checks permission before state: a claimant sending MEDIATOR_ACCEPT while raised is 403, not 409', () => {
    expect(refusal(() => step(started(), 'claimant', 'MEDIATOR_ACCEPT')).code).toBe(ErrorCode.FORBIDDEN_EVENT);
  });

  it('lets an administrator add notes and close, nothing else', () => {
    expect(step(discussing(), 'admin', 'ADD_NOTE', { note: 'Checked.' }).next.path).toBe('negotiation.discussing');
    const e = refusal(() => step(discussing(), 'admin', 'PROPOSE_RESOLUTION', { proposal: 'x' }));
    expect(e.code).toBe(ErrorCode.FORBIDDEN_EVENT);
    expect(e.details.allowedEvents).toEqual(['ADD_NOTE']);
  });
});

describe('stepCase: state (TRANSITION_NOT_ALLOWED)', () => {
  it('refuses an event the state does not take, listing the allowed ones and the state', () => {
    const e = refusal(() => step(discussing(), 'respondent', 'ACCEPT_RESOLUTION'));
    expect(e.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
    expect(e.message).toBe("ACCEPT_RESOLUTION is not possible while the case is 'negotiation.discussing'");
    expect(e.details.state).toBe('negotiation.discussing');
    expect([...(e.details.allowedEvents ?? [])].sort()).toEqual(
      ['ADD_NOTE', 'DECLARE_NEGOTIATION_FAILED', 'PROPOSE_RESOLUTION', 'RECORD_MEETING'].sort(),
    );
  });

  it('refuses referral before negotiation has failed or a deadline was missed', () => {
    const e = refusal(() => step(discussing(), 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: MEDIATOR }));
    expect(e.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
    expect(e.details.allowedEvents).not.toContain('REFER_TO_MEDIATION');
    expect(e.details.allowedEvents).toContain('WITHDRAW');
  });

  it('checks the state before the payload', () => {
    expect(refusal(() => step(discussing(), 'claimant', 'CLOSE', { bogus: 1 })).code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
  });

  it('accepts nothing once the case is closed', () => {
    const closed = step(started(), 'claimant', 'WITHDRAW', { reason: 'Sorted.' }).next;
    expect(closed.path).toBe('closed');
    const e = refusal(() => step(closed.snapshot, 'claimant', 'ADD_NOTE', { note: 'x' }));
    expect(e.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
    expect(e.details.allowedEvents).toEqual([]);
  });
});

describe('stepCase: payload (VALIDATION_FAILED)', () => {
  it('names missing, unknown and mistyped fields', () => {
    let e = refusal(() => step(discussing(), 'claimant', 'PROPOSE_RESOLUTION', {}));
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.details.errors).toEqual([{ field: 'proposal', message: 'is required' }]);
    e = refusal(() => step(discussing(), 'claimant', 'PROPOSE_RESOLUTION', { proposal: 'x', colour: 'red' }));
    expect(e.details.errors).toEqual([{ field: 'colour', message: 'is not a field of this event' }]);
    e = refusal(() => step(discussing(), 'claimant', 'PROPOSE_RESOLUTION', { proposal: 42 }));
    expect(e.details.errors).toEqual([{ field: 'proposal', message: 'must be a string' }]);
    expect(e.message).toBe('Invalid input: proposal');
  });

  it('checks dates against the London date of the event', () => {
    const e = refusal(() => step(discussing(), 'claimant', 'RECORD_MEETING', { heldOn: '2026-03-04', summary: 'Met.' }));
    expect(e.details.errors).toEqual([{ field: 'heldOn', message: 'must not be in the future' }]);
    const bad = refusal(() => step(discussing(), 'claimant', 'RECORD_MEETING', { heldOn: '2026-02-30', summary: 'Met.' }));
    expect(bad.details.errors).toEqual([{ field: 'heldOn', message: 'must be a date written YYYY-MM-DD' }]);
    expect(step(discussing(), 'claimant', 'RECORD_MEETING', { heldOn: '2026-03-03', summary: 'Met.' }).next.snapshot.context.meetings).toBe(1);
  });

  it('refuses an organisation field naming no known organisation', () => {
    const e = refusal(() => step(failed(), 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: '99999999-9999-4999-8999-999999999999' }));
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.details.errors).toEqual([
      { field: 'mediatorOrganisationId', message: "no organisation has the id '99999999-9999-4999-8999-999999999999'" },
    ]);
  });

  it('refuses an organisation of the wrong kind', () => {
    const e = refusal(() => step(failed(), 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: VCS }));
    expect(e.details.errors).toEqual([{ field: 'mediatorOrganisationId', message: 'must be a mediator organisation, not a vcs' }]);
  });

  it('refuses an organisation field that is not an id at all', () => {
    const e = refusal(() => step(failed(), 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: 'Compact Voice' }));
    expect(e.details.errors).toEqual([{ field: 'mediatorOrganisationId', message: 'must be an organisation id' }]);
  });

  it('returns the event stamped with its instant and sender, and the path it left', () => {
    const result = step(failed(), 'claimant', 'REFER_TO_MEDIATION', { mediatorOrganisationId: MEDIATOR });
    expect(result.fromPath).toBe('negotiation.failed');
    expect(result.event).toEqual({
      type: 'REFER_TO_MEDIATION',
      mediatorOrganisationId: MEDIATOR,
      meta: { at: '2026-03-03T12:00:00.000Z', by: 'claimant' },
    });
    expect(result.next.path).toBe('mediation.awaitingMediator');
    expect(result.next.snapshot.context.mediatorOrganisationId).toBe(MEDIATOR);
  });
});

describe('organisationReferences', () => {
  it('lists the organisation ids a payload names, to look up before stepping', () => {
    expect(organisationReferences(runtime, 'REFER_TO_MEDIATION', { mediatorOrganisationId: MEDIATOR, reason: VCS })).toEqual([MEDIATOR]);
  });

  it('skips values that are not ids, events without organisation fields and unknown events', () => {
    expect(organisationReferences(runtime, 'REFER_TO_MEDIATION', { mediatorOrganisationId: 'Compact Voice' })).toEqual([]);
    expect(organisationReferences(runtime, 'REFER_TO_MEDIATION', { mediatorOrganisationId: 7 })).toEqual([]);
    expect(organisationReferences(runtime, 'ADD_NOTE', { note: MEDIATOR })).toEqual([]);
    expect(organisationReferences(runtime, 'toString', { mediatorOrganisationId: MEDIATOR })).toEqual([]);
  });
});
