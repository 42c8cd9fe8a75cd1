import { ActingRelation, CaseOutcome, CaseRecord, CaseRelation, CaseRules, CaseTimer, Organisation, Repositories, Undertaking } from '@compact/domain';
import { confidentialRecipients, type ConfidentialParty, deadlineOf, type WorkflowRuntime } from '@compact/engine';
import type { AnyMachineSnapshot } from 'xstate';

export interface OrganisationRef {
  id: string;
  name: string;
  kind: Organisation['kind'];
}

export interface DeadlineView {
  key: string;
  purpose: CaseTimer['purpose'];
  event: string;
  label: string;
  dueAt: string;
  dueDate: string;
  rule: string;
  calendarId: string;
  /** Working days agreed extensions added to it. */
  extendedDays: number;
}

/** What the API shows of a case to one caller. */
export interface CaseView {
  id: string;
  reference: string;
  title: string;
  kind: CaseRecord['kind'];
  summary: string;
  desiredOutcome: string | null;
  becameAwareOn: string;
  compact: { id: string; name: string };
  workflow: { name: string; version: number };
  state: string;
  statePath: string;
  stateLabel: string;
  stateValue: unknown;
  version: number;
  parties: { claimant: OrganisationRef; respondent: OrganisationRef; mediator: OrganisationRef | null };
  yourPart: CaseRelation;
  citedUndertakings: Undertaking[];
  allowedEvents: string[];
  /** Those of `allowedEvents` that would end the case (it cannot be taken back afterwards). */
  endingEvents: string[];
  /** To whom you may send a CONFIDENTIAL_NOTE now (while the mediator is mediating); empty otherwise. */
  confidentialNoteTo: ConfidentialParty[];
  deadlines: DeadlineView[];
  /** The deadline lengths and calendar the case runs under (recorded when it was raised). */
  rules: CaseRules;
  outcome: CaseOutcome;
  details: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export function deadlineView(timer: CaseTimer, runtime: WorkflowRuntime, context?: unknown): DeadlineView {
  const found = deadlineOf(runtime.definition, timer.deadlineKey ?? timer.key);
  const about = found?.instance && found.def.describe ? `: ${found.def.describe(context, found.instance)}` : '';
  const base = found ? `${found.def.label}${about}` : timer.key;
  const label = found && timer.purpose === 'reminder' && timer.deadlineKey ? `Reminder: ${base}` : base;
  return {
    key: timer.key,
    purpose: timer.purpose,
    event: timer.eventType,
    label,
    dueAt: timer.dueAt.toISOString(),
    dueDate: timer.dueDate,
    rule: timer.rule,
    calendarId: timer.calendarId,
    extendedDays: timer.extendedDays,
  };
}

const ref = (o: Organisation | undefined, id: string): OrganisationRef =>
  o ? { id: o.id, name: o.name, kind: o.kind } : { id, name: '(unknown organisation)', kind: 'vcs' };

export interface CaseViewInputs {
  record: CaseRecord;
  relation: CaseRelation;
  runtime: WorkflowRuntime;
  undertakings: Undertaking[];
  compactName: string;
  now: Date;
  /** The restored snapshot, when the caller already has it. */
  snapshot?: AnyMachineSnapshot;
  /** The case's pending timers, when the caller read them in this unit of work and nothing has changed them since (saves a read). */
  timers?: CaseTimer[];
}

/** Builds the view inside whatever unit of work loaded the case. */
export async function buildCaseView(repos: Repositories, inputs: CaseViewInputs): Promise<CaseView> {
  const { record, relation, runtime } = inputs;
  const orgIds = [record.claimantOrganisationId, record.respondentOrganisationId, record.mediatorOrganisationId].filter(
    (id): id is string => id !== null,
  );
  const [organisations, timers] = await Promise.all([
    repos.organisations.findByIds(orgIds),
    inputs.timers ?? repos.timers.listByCase(record.id),
  ]);
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const snapshot = inputs.snapshot ?? runtime.restore(record.snapshot);
  const acting = relation === 'claimant' || relation === 'respondent' || relation === 'mediator' || relation === 'admin';
  const context = snapshot.context as Record<string, unknown>;
  const now = inputs.now.toISOString();
  const allowedEvents = acting ? runtime.allowedEvents(snapshot, relation, now, { timers, deadlines: record.rules.deadlines }) : [];
  return {
    id: record.id,
    reference: record.reference,
    title: record.title,
    kind: record.kind,
    summary: record.summary,
    desiredOutcome: record.desiredOutcome,
    becameAwareOn: record.becameAwareOn,
    compact: { id: record.compactId, name: inputs.compactName },
    workflow: { name: record.workflowName, version: record.workflowVersion },
    state: record.state,
    statePath: record.statePath,
    stateLabel: runtime.definition.describeState(record.statePath),
    stateValue: record.stateValue,
    version: record.version,
    parties: {
      claimant: ref(byId.get(record.claimantOrganisationId), record.claimantOrganisationId),
      respondent: ref(byId.get(record.respondentOrganisationId), record.respondentOrganisationId),
      mediator: record.mediatorOrganisationId ? ref(byId.get(record.mediatorOrganisationId), record.mediatorOrganisationId) : null,
    },
    yourPart: relation,
    citedUndertakings: inputs.undertakings,
    allowedEvents,
    endingEvents: acting ? allowedEvents.filter((type) => runtime.endsCase(snapshot, type, relation as ActingRelation, now)) : [],
    confidentialNoteTo: confidentialRecipients(runtime, snapshot, relation),
    deadlines: timers.map((t) => deadlineView(t, runtime, context)),
    rules: record.rules,
    outcome: record.outcome,
    details: context,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
