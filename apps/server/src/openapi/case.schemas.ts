import type { CaseHistory, CasePage, CaseSummary, CaseView, DeadlineView, ListedMove, MigrationReport, OrganisationRef, PendingDeadline } from '@compact/application';
import { AuditEntry, CASE_KINDS, CASE_OUTCOMES, CaseRelation, CaseRules, ORGANISATION_KINDS, USER_ROLES } from '@compact/domain';
import type { ChainVerification } from '@compact/engine';
import {
  arrayOf,
  boolean,
  dateTime,
  freeObject,
  integer,
  localDate,
  nullable,
  objectOf,
  oneOfValues,
  ref,
  Schema,
  sha256Hex,
  text,
  uuid,
} from './schema-builders';

/** Every way a caller can stand to a case (the compiler checks the list is complete). */
const RELATIONS = Object.keys({
  claimant: 1,
  respondent: 1,
  mediator: 1,
  'former-mediator': 1,
  board: 1,
  admin: 1,
  system: 1,
  none: 1,
} satisfies Record<CaseRelation, 1>);

const caseReference = text('Human-readable reference, e.g. SC-2026-0001');
const version = integer('Optimistic version; also the ETag of the case', { minimum: 1 });

const OrganisationRefSchema = objectOf<OrganisationRef>({
  id: uuid(),
  name: text(),
  kind: oneOfValues(ORGANISATION_KINDS),
});

const DeadlineViewSchema = objectOf<DeadlineView>(
  {
    key: text('The workflow’s id for the deadline or reminder, e.g. deadline.acknowledgement'),
    purpose: oneOfValues(['deadline', 'reminder'], 'A deadline moves the case when it passes; a reminder only sends mail'),
    event: text('The event the system sends when it falls due'),
    label: text(),
    dueAt: dateTime('When it falls due (the end of the last working day, London time)'),
    dueDate: localDate('The last day on which the action is in time (Europe/London)'),
    rule: text('The rule that set it, e.g. 5 working days'),
    calendarId: text('The calendar it was counted on'),
    extendedDays: integer('Working days agreed extensions added to it', { minimum: 0 }),
  },
  { description: 'A pending deadline or reminder of a case' },
);

const PendingDeadlineSchema = objectOf<PendingDeadline>(
  {
    ...(DeadlineViewSchema.properties as { [K in keyof DeadlineView]: Schema }),
    caseId: uuid(),
    reference: caseReference,
    title: text(),
  },
  { description: 'A pending deadline with the case it belongs to' },
);

const CaseViewSchema = objectOf<CaseView>(
  {
    id: uuid(),
    reference: caseReference,
    title: text(),
    kind: oneOfValues(CASE_KINDS),
    summary: text(),
    desiredOutcome: nullable(text()),
    becameAwareOn: localDate('When the claimant became aware of the matter'),
    compact: objectOf<CaseView['compact']>({ id: text(), name: text() }),
    workflow: objectOf<CaseView['workflow']>({ name: text(), version: integer(undefined, { minimum: 1 }) }, { description: 'The workflow version the case is pinned to' }),
    state: text('Top-level stage, e.g. negotiation'),
    statePath: text('Dotted state path, e.g. negotiation.discussing'),
    stateLabel: text(),
    stateValue: { description: 'The workflow’s state value (a name, or an object of nested names)', anyOf: [{ type: 'string' }, freeObject()] },
    version,
    parties: objectOf<CaseView['parties']>({
      claimant: ref('OrganisationRef'),
      respondent: ref('OrganisationRef'),
      mediator: nullable(ref('OrganisationRef'), 'The mediator the case is referred to, if any'),
    }),
    yourPart: oneOfValues(RELATIONS, 'How you stand to the case'),
    citedUndertakings: arrayOf(ref('Undertaking')),
    allowedEvents: arrayOf(text(), 'The events you may send now'),
    endingEvents: arrayOf(text(), 'Those of allowedEvents that would end the case: nobody can act on it afterwards'),
    confidentialNoteTo: arrayOf(oneOfValues(['mediator', 'claimant', 'respondent']), 'To whom you may send a CONFIDENTIAL_NOTE now (while the mediator is mediating)'),
    deadlines: arrayOf(ref('DeadlineView')),
    rules: ref('CaseRules'),
    outcome: oneOfValues(CASE_OUTCOMES, 'What the case’s stage means: open, following up an agreement (monitoring), resolved, withdrawn or closed'),
    details: freeObject('What the workflow records about the case (its context)'),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  },
  { description: 'A case as one caller sees it' },
);

const CaseSummarySchema = objectOf<CaseSummary>({
  id: uuid(),
  reference: caseReference,
  title: text(),
  kind: oneOfValues(CASE_KINDS),
  state: text(),
  statePath: text(),
  stateLabel: text(),
  workflow: objectOf<CaseSummary['workflow']>({ name: text(), version: integer(undefined, { minimum: 1 }) }),
  outcome: oneOfValues(CASE_OUTCOMES),
  version,
  claimantOrganisationId: uuid(),
  respondentOrganisationId: uuid(),
  mediatorOrganisationId: nullable(uuid()),
  undertakings: arrayOf(text(), 'Cited undertaking ids'),
  yourPart: oneOfValues(RELATIONS),
  nextMove: nullable(
    objectOf<ListedMove>({
      yours: boolean('Whether your own part must make the move'),
      who: arrayOf(text(), 'The organisations that must act'),
      todo: text('What they must do, e.g. "acknowledge the case"'),
      dueDate: localDate('The last day on which it is in time (Europe/London)'),
    }),
    'The soonest move the case waits for, from its pending deadlines; null when nobody must act by a date',
  ),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

const CaseRulesSchema = objectOf<CaseRules>(
  {
    deadlines: ref('CompactDeadlines'),
    calendar: objectOf<CaseRules['calendar']>({
      unit: oneOfValues(['working-days', 'seconds'], 'seconds on the demonstration clock'),
      region: oneOfValues(['england-and-wales']),
      closures: arrayOf(localDate(), 'Extra non-working days'),
      id: text('The calendar it was raised on, e.g. england-and-wales/date-holidays@3.37.0/closures:none'),
    }),
  },
  { description: 'The deadline lengths and calendar the case was raised under; only an audited migration changes them' },
);

const MigrationReportSchema = objectOf<MigrationReport>(
  {
    from: text('e.g. compact-dispute/v1'),
    to: text('e.g. compact-dispute/v2'),
    dryRun: boolean(),
    migrated: arrayOf(
      objectOf<MigrationReport['migrated'][number]>({
        caseId: uuid(),
        reference: caseReference,
        fromState: text(),
        toState: text(),
        why: text('Why this state maps where it does (declared beside the newer version)'),
        deadlines: arrayOf(
          objectOf<MigrationReport['migrated'][number]['deadlines'][number]>({
            key: text(),
            label: text(),
            before: nullable(dateTime(), 'Its due time before; null when the old state had no such deadline'),
            after: dateTime('Its due time after: the same when it was already given, else counted from the migration'),
          }),
        ),
        removed: arrayOf(text(), 'Timers of the old state the new one does not have'),
      }),
    ),
    refused: arrayOf(objectOf<MigrationReport['refused'][number]>({ caseId: uuid(), reference: caseReference, state: text(), reason: text() })),
  },
  { description: 'What a migration of running cases did (or, as a dry run, would do)' },
);

const CasePageSchema = objectOf<CasePage>({
  items: arrayOf(ref('CaseSummary')),
  nextCursor: nullable(text(), 'Pass as `cursor` for the next page; null on the last page'),
});

export const USER_ACTOR = objectOf<{ type: 'user'; userId: string; organisationId: string | null; role: string }>(
  {
    type: oneOfValues(['user']),
    userId: uuid(),
    organisationId: nullable(uuid()),
    role: oneOfValues(USER_ROLES),
  },
  { description: 'A signed-in person' },
);

const AuditEntrySchema = objectOf<AuditEntry>(
  {
    caseId: uuid(),
    seq: integer('Position in the case’s chain, from 1', { minimum: 1 }),
    at: dateTime(),
    actor: {
      oneOf: [ref('UserActor'), ref('SystemActor')],
      discriminator: { propertyName: 'type', mapping: { user: '#/components/schemas/UserActor', system: '#/components/schemas/SystemActor' } },
    },
    eventType: text(),
    fromState: nullable(text(), 'Null for the entry that raised the case'),
    toState: text(),
    payload: freeObject('The event’s fields ({} when withheld from you)'),
    format: integer('2: the hash covers payloadDigest in place of the payload; 1 (entries written before digests): the payload itself', { enum: [1, 2] }),
    payloadDigest: sha256Hex('Format 2: sha256 of the canonical JSON of the payload'),
    withheld: boolean('Present (true) when the payload is confidential and not yours to see; the chain still verifies by the digest'),
    prevHash: sha256Hex('The hash of the entry before (64 zeros for the first)'),
    hash: sha256Hex('sha256 of the canonical JSON of the fields its format covers, with prevHash'),
  },
  { description: 'One link of a case’s hash chain', optional: ['payloadDigest', 'withheld'] },
);

const CaseHistorySchema = objectOf<CaseHistory>({ caseId: uuid(), reference: caseReference, entries: arrayOf(ref('AuditEntry'), 'Oldest first') });

export const CHAIN_VERIFICATION = objectOf<ChainVerification>(
  {
    valid: boolean(),
    entries: integer('Entries checked', { minimum: 0 }),
    brokenAt: integer('The seq of the first entry that does not verify', { minimum: 1 }),
    reason: text('Why the chain breaks there'),
  },
  { optional: ['brokenAt', 'reason'], description: 'The result of recomputing a hash chain' },
);

export const CASE_SCHEMAS: Record<string, Schema> = {
  OrganisationRef: OrganisationRefSchema,
  DeadlineView: DeadlineViewSchema,
  PendingDeadline: PendingDeadlineSchema,
  CaseView: CaseViewSchema,
  CaseSummary: CaseSummarySchema,
  CasePage: CasePageSchema,
  CaseRules: CaseRulesSchema,
  MigrationReport: MigrationReportSchema,
  UserActor: USER_ACTOR,
  SystemActor: objectOf<{ type: 'system' }>({ type: oneOfValues(['system']) }, { description: 'The service itself (deadlines, reminders)' }),
  AuditEntry: AuditEntrySchema,
  CaseHistory: CaseHistorySchema,
  ChainVerification: CHAIN_VERIFICATION,
};
