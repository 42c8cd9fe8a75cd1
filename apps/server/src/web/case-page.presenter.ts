import { citationsIn, type CaseView } from '@compact/application';
import { formatLongDate } from '@compact/calendar';
import type { Actor, AuditEntry, Organisation } from '@compact/domain';
import type { ChainVerification, FullText, InstalledWorkflow, WorkflowDefinition, WorkflowReading } from '@compact/engine';
import { confidentialNoteStep, PartyNames } from './confidential-note-entry';
import { documentAbout } from './document-words';
import { ENUM_WORDS } from './event-forms';
import { pastTenseLabel } from './past-tense';

const SPECIAL_EVENTS: Record<string, string> = {
  CASE_RAISED: 'Case raised',
  REMINDER_SENT: 'Reminder sent',
  REMINDER_FAILED: 'Reminder could not be delivered',
  WORKFLOW_MIGRATED: 'Moved to a newer version of the procedure',
};

const DATE_KEYS = ['becameAwareOn', 'decisionDate', 'dueDate'];

/** Payload keys shown in a way of their own, never as a field: the documents an entry cites are listed under it. */
const SHOWN_APART = new Set(['documents', 'deadlinesMoved']);

const PAYLOAD_WORDS: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  desiredOutcome: 'Desired outcome',
  becameAwareOn: 'Became aware on',
  decisionDate: 'Decision made on',
  undertakings: 'Undertakings',
  subject: 'Subject',
  to: 'To',
  dueDate: 'Was due by',
  rule: 'Deadline',
  reason: 'Reason',
  from: 'From',
  calculator: 'Calculator result (recorded as evidence)',
};

/** One offered or agreed action as the timeline shows it: "the respondent: Send the rationale (within 5 working days of the agreement)". */
function actionTermText(term: unknown): string {
  const t = (term ?? {}) as { party?: string; action?: string; due?: { on?: string; workingDaysAfterAgreement?: number } };
  const due = t.due?.on
    ? `by ${formatLongDate(t.due.on)}`
    : t.due?.workingDaysAfterAgreement !== undefined
      ? `within ${t.due.workingDaysAfterAgreement} working days of the agreement`
      : '';
  return `the ${t.party ?? 'party'}: ${t.action ?? ''}${due ? ` (${due})` : ''}`;
}

/** The deadlines an agreed extension moved (recorded in the entry by the engine), old and new date. */
function movedDeadlines(moved: unknown, wf: WorkflowDefinition): string[] {
  if (!Array.isArray(moved)) return [];
  return moved.map((m: { deadline: string; workingDays: number; from: { dueDate: string }; to: { dueDate: string } }) => {
    const base = m.deadline.split('/')[0];
    const label = wf.deadlines[m.deadline]?.label ?? wf.deadlines[base]?.label ?? m.deadline;
    return `Deadline moved: ${label}, from ${formatLongDate(m.from.dueDate)} to ${formatLongDate(m.to.dueDate)} (${m.workingDays} working days more)`;
  });
}

/** A document an entry cites, as its history shows it: a link by id, its name, "PDF, 24 KB". */
export interface CitedDocumentItem {
  id: string;
  name: string;
  about: string;
}

export interface TimelineItem {
  title: string;
  by: string;
  at: string;
  moved: string | null;
  details: string[];
  documents: CitedDocumentItem[];
}

/** Who took a step: "Pat Jones (Southampton City Council)", the service, an administrator or a board member. */
export function actorText(actor: Actor, orgName: (id: string | null) => string | undefined, people: ReadonlyMap<string, string>): string {
  if (actor.type === 'system') return 'the service (a deadline or reminder)';
  if (actor.type === 'cli') return 'an administrator, on the command line';
  if (actor.role === 'board' || actor.role === 'admin') return `an ${actor.role === 'admin' ? 'administrator' : 'board member'}`;
  const person = people.get(actor.userId);
  return person ? `${person} (${orgName(actor.organisationId) ?? actor.role})` : `${orgName(actor.organisationId) ?? 'an organisation'} (${actor.role})`;
}

/** What a person did, said in the past tense with their organisation: "Southampton City Council proposed a resolution". */
function pastTenseTitle(e: AuditEntry, label: string | undefined, organisation: string | undefined): string | null {
  if (e.actor.type !== 'user' || !organisation) return null;
  if (e.eventType === 'CASE_RAISED') return `${organisation} raised the case`;
  const past = label ? pastTenseLabel(label) : null;
  return past ? `${organisation} ${past}` : null;
}

export function timeline(
  history: AuditEntry[],
  wf: WorkflowDefinition,
  organisations: Organisation[],
  people: ReadonlyMap<string, string> = new Map(),
  /** The case's parties by name, for saying to whom a confidential note went. */
  parties?: PartyNames,
): TimelineItem[] {
  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name;
  return [...history].reverse().map((e) => {
    const def = wf.events[e.eventType];
    const by = actorText(e.actor, orgName, people);
    const documents = citationsIn(e).map((d) => ({ id: d.id, name: String(d.name), about: documentAbout(d) }));
    const note = confidentialNoteStep(e, orgName(e.actor.type === 'user' ? e.actor.organisationId : null), parties);
    if (note) return { ...note, by, at: e.at, moved: null, documents };
    const details: string[] = [];
    for (const [key, value] of Object.entries(e.payload)) {
      const label = def?.schema[key]?.label ?? PAYLOAD_WORDS[key];
      if (!label || SHOWN_APART.has(key) || value === null || value === undefined || value === '') continue;
      const spec = def?.schema[key];
      const text =
        key === 'mediatorOrganisationId'
          ? (orgName(String(value)) ?? String(value))
          : key === 'calculator' && typeof value === 'object'
            ? String((value as { explanation?: unknown }).explanation ?? '')
          : spec?.kind === 'actions' && Array.isArray(value)
            ? value.map((a, i) => `(${i + 1}) ${actionTermText(a)}`).join(' ')
            : Array.isArray(value)
            ? value.join(', ')
            : spec?.kind === 'enum'
              ? (ENUM_WORDS[String(value)] ?? String(value))
              : spec?.kind === 'date' || DATE_KEYS.includes(key)
                ? formatLongDate(String(value))
                : String(value);
      details.push(`${label}: ${text}`);
    }
    details.push(...movedDeadlines(e.payload.deadlinesMoved, wf));
    return {
      title: pastTenseTitle(e, def?.label, orgName(e.actor.type === 'user' ? e.actor.organisationId : null)) ?? def?.label ?? SPECIAL_EVENTS[e.eventType] ?? e.eventType,
      by,
      at: e.at,
      moved: e.fromState !== e.toState ? `${e.fromState ? wf.describeState(e.fromState) + ' → ' : ''}${wf.describeState(e.toState)}` : null,
      details,
      documents,
    };
  });
}

export interface PathStage {
  label: string;
  current: boolean;
  done: boolean;
  note?: string;
}

/** The escalation path of the case's own workflow with its stage marked, and the stages it went through marked passed. */
export function pathStages(path: WorkflowReading['stages'], current: string, history: AuditEntry[]): PathStage[] {
  const visited = new Set(history.map((e) => e.toState.split('.')[0]));
  return path.map((p) => ({ label: p.label, note: p.note, current: p.state === current, done: p.state !== current && visited.has(p.state) }));
}

export function summaryRows(c: CaseView) {
  const row = (key: string, value: string | null) => (value ? [{ key: { text: key }, value: { text: value } }] : []);
  // Recorded by workflows that count a time limit from it (from compact-dispute v2).
  const decisionDate = (c.details as { decisionDate?: unknown } | null)?.decisionDate;
  return [
    ...row('Raised by', `${c.parties.claimant.name} (claimant)`),
    ...row('Against', `${c.parties.respondent.name} (respondent)`),
    ...row('Mediator', c.parties.mediator?.name ?? null),
    ...row('Summary', c.summary),
    ...row('Desired outcome', c.desiredOutcome),
    ...row('Became aware on', formatLongDate(c.becameAwareOn)),
    ...row('Decision made on', typeof decisionDate === 'string' ? formatLongDate(decisionDate) : null),
    ...row('Your part', partWords(c)),
  ];
}

/** The reader's part in the case, in words: whose side they are on and what that side does here. */
function partWords(c: CaseView): string {
  switch (c.yourPart) {
    case 'claimant':
      return `${c.parties.claimant.name} raised this case`;
    case 'respondent':
      return `The case is about ${c.parties.respondent.name}`;
    case 'mediator':
      return `${c.parties.mediator?.name ?? 'Your organisation'} is the mediator`;
    case 'board':
      return 'Governance board: you can read the case but do not take part in it';
    case 'former-mediator':
      return 'Your organisation was the mediator once: you can still read the case';
    case 'admin':
      return 'Administrator';
    default:
      return 'You can read this case';
  }
}

/** What the case's own workflow shows in full near the top (a pending proposal, an agreement), as summary lists. */
export function inFullBlocks(c: CaseView, wf: InstalledWorkflow): Array<{ heading: string; rows: unknown[] }> {
  const names = { claimant: c.parties.claimant.name, respondent: c.parties.respondent.name, mediator: c.parties.mediator?.name ?? 'the mediator' };
  const dueDateOf = (key: string) => c.deadlines.find((d) => d.key === key)?.dueDate ?? null;
  const blocks: FullText[] = wf.reading.inFull?.(c.details, c.statePath, names, dueDateOf) ?? [];
  return blocks.map((b) => ({ heading: b.heading, rows: b.rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } })) }));
}

export function verificationText(v: ChainVerification): string {
  return v.valid ? `verified (${v.entries} entries)` : `NOT verified: entry ${v.brokenAt} does not match (${v.reason})`;
}

/** The case's three parts by name. */
export function partyNames(c: Pick<CaseView, 'parties'>): PartyNames {
  return { claimant: c.parties.claimant.name, respondent: c.parties.respondent.name, mediator: c.parties.mediator?.name ?? null };
}
