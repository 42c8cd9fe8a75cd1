import { formatLongDate } from '@compact/calendar';
import { AuditEntry, CaseDocument, FieldSpec, Undertaking } from '@compact/domain';
import type { FormalRouteText, FullText, InstalledWorkflow } from '@compact/engine';
import { audienceOf, entriesForOutside } from '../confidential/confidential-entries';
import { citationsIn } from '../documents/check-cited-documents';
import { CaseView } from '../cases/case-view';

/** One document of the bundle, numbered in the order of the chronology. */
export interface BundleDocument {
  /** Its path in the zip: `documents/01-name.ext`. */
  path: string;
  id: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  /** The audit entry that first cited it. */
  citedBySeq: number;
}

/** One step of the case in plain words. */
export interface ChronologyRow {
  seq: number;
  at: string;
  who: string;
  what: string;
  details: string[];
}

/** Everything the bundle says, gathered before any of it is written. */
export interface BundleContents {
  compactName: string;
  reference: string;
  title: string;
  kind: string;
  summary: string;
  desiredOutcome: string | null;
  parties: { claimant: string; respondent: string; mediator: string | null };
  undertakings: Undertaking[];
  stage: string;
  route: FormalRouteText | null;
  chronology: ChronologyRow[];
  deadlines: { pending: Array<{ label: string; dueDate: string }>; passed: Array<{ label: string; at: string }>; met: number; missed: number };
  inFull: FullText[];
  documents: BundleDocument[];
  head: { seq: number; hash: string };
  /** Entries whose content is left out (confidential notes). */
  withheld: number;
  /** The trail as it leaves the case (confidential payloads withheld). */
  entries: AuditEntry[];
  generatedAt: string;
}

export interface BundleInputs {
  view: CaseView;
  workflow: InstalledWorkflow;
  compactName: string;
  entries: AuditEntry[];
  documents: CaseDocument[];
  /** People's names by user id, and organisations' by id. */
  people: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, string>;
  deadlineTotals: { met: number; missed: number };
  now: Date;
}

const RAISED = 'CASE_RAISED';

/** The service's own entries that are no event of the workflow: what they read as, and the one field shown. */
const SERVICE_ENTRIES: Record<string, { what: string; field: string; label: string }> = {
  REMINDER_SENT: { what: 'Sent a reminder by email', field: 'subject', label: 'Subject' },
  REMINDER_FAILED: { what: 'Could not deliver a reminder by email', field: 'subject', label: 'Subject' },
};

/** "01-grant-letter.pdf": a two-digit number in chronology order, then the cleaned name. */
const pathOf = (n: number, name: string) => `documents/${String(n).padStart(2, '0')}-${name.replace(/[\\/]/g, '_')}`;

function who(entry: AuditEntry, inputs: BundleInputs): string {
  if (entry.actor.type !== 'user') return 'The service';
  const person = inputs.people.get(entry.actor.userId);
  const org = entry.actor.organisationId ? inputs.organisations.get(entry.actor.organisationId) : null;
  if (person && org) return `${person} (${org})`;
  return person ?? org ?? (entry.actor.role === 'admin' ? 'An administrator' : 'Someone');
}

function valueText(spec: FieldSpec | undefined, value: unknown, inputs: BundleInputs): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return spec?.kind === 'organisation' ? (inputs.organisations.get(value) ?? value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => {
      if (typeof item !== 'object' || item === null) return String(item);
      const { party, action } = item as { party?: unknown; action?: unknown };
      return typeof action === 'string' ? `${typeof party === 'string' ? `${party}: ` : ''}${action}` : null;
    });
    return items.filter((x) => x !== null).join('; ') || null;
  }
  return null;
}

/** The fields of an entry's payload as "Label: value" lines (the event's own labels), its documents by bundle path. */
function details(entry: AuditEntry, inputs: BundleInputs, pathById: ReadonlyMap<string, string>): string[] {
  if (entry.withheld) return ['A confidential exchange with the mediator: its content is left out of this bundle.'];
  if (entry.eventType === RAISED) return raisedDetails(entry, pathById);
  const service = SERVICE_ENTRIES[entry.eventType];
  if (service) return typeof entry.payload[service.field] === 'string' ? [`${service.label}: ${String(entry.payload[service.field])}`] : [];
  const schema = inputs.workflow.events[entry.eventType]?.schema ?? {};
  const lines: string[] = [];
  for (const [field, value] of Object.entries(entry.payload)) {
    if (field === 'documents' || field === 'deadlinesMoved') continue;
    const text = valueText(schema[field], value, inputs);
    if (text !== null) lines.push(`${schema[field]?.label ?? field}: ${text}`);
  }
  const cited = citationsIn(entry).map((d) => pathById.get(d.id) ?? d.name);
  if (cited.length > 0) lines.push(`Documents: ${cited.join(', ')}`);
  return lines;
}

/** The raising entry: what the cover does not already say (when they became aware, what was cited). */
function raisedDetails(entry: AuditEntry, pathById: ReadonlyMap<string, string>): string[] {
  const { becameAwareOn, decisionDate, undertakings } = entry.payload;
  const lines: string[] = [];
  if (typeof becameAwareOn === 'string') lines.push(`Became aware of the matter on: ${formatLongDate(becameAwareOn)}`);
  if (typeof decisionDate === 'string') lines.push(`Date of the decision: ${formatLongDate(decisionDate)}`);
  if (Array.isArray(undertakings) && undertakings.length > 0) lines.push(`Undertakings cited: ${undertakings.join(', ')}`);
  const cited = citationsIn(entry).map((d) => pathById.get(d.id) ?? d.name);
  if (cited.length > 0) lines.push(`Documents: ${cited.join(', ')}`);
  return lines;
}

function what(entry: AuditEntry, workflow: InstalledWorkflow): string {
  if (entry.eventType === RAISED) return 'Raised the case';
  if (audienceOf(entry) !== null) return 'Sent a confidential note in mediation (between the mediator and one party)';
  if (SERVICE_ENTRIES[entry.eventType]) return SERVICE_ENTRIES[entry.eventType].what;
  const def = workflow.events[entry.eventType];
  if (entry.actor.type === 'system') return def ? `Deadline passed: ${def.label}` : entry.eventType;
  return def?.label ?? entry.eventType;
}

/**
 * What goes into a case's bundle for the body receiving it: the case, its chronology in plain
 * words, its deadlines, its agreement, and its documents in the order they were cited. Confidential
 * notes, and documents shared in confidence, are left out (only that an exchange took place stays).
 */
export function bundleContents(inputs: BundleInputs): BundleContents {
  const { view, workflow } = inputs;
  const entries = entriesForOutside(inputs.entries);
  const open = new Map(inputs.documents.filter((d) => d.citedSeq !== null && d.audience === null).map((d) => [d.id, d]));
  const documents: BundleDocument[] = [];
  for (const entry of entries) {
    for (const cited of citationsIn(entry)) {
      const d = open.get(cited.id);
      if (!d || documents.some((x) => x.id === d.id)) continue;
      documents.push({ path: pathOf(documents.length + 1, d.name), id: d.id, name: d.name, size: d.size, sha256: d.sha256, contentType: d.contentType, citedBySeq: entry.seq });
    }
  }
  const pathById = new Map(documents.map((d) => [d.id, d.path]));
  const names = { claimant: view.parties.claimant.name, respondent: view.parties.respondent.name, mediator: view.parties.mediator?.name ?? 'the mediator' };
  const dueDateOf = (key: string) => view.deadlines.find((d) => d.key === key)?.dueDate ?? null;
  const last = entries.at(-1);
  return {
    compactName: inputs.compactName,
    reference: view.reference,
    title: view.title,
    kind: view.kind,
    summary: view.summary,
    desiredOutcome: view.desiredOutcome,
    parties: { claimant: view.parties.claimant.name, respondent: view.parties.respondent.name, mediator: view.parties.mediator?.name ?? null },
    undertakings: view.citedUndertakings,
    stage: view.stateLabel,
    route: workflow.reading.formalRoute?.(view.details) ?? null,
    chronology: entries.map((e) => ({ seq: e.seq, at: e.at, who: who(e, inputs), what: what(e, workflow), details: details(e, inputs, pathById) })),
    deadlines: {
      pending: view.deadlines.filter((d) => d.purpose === 'deadline').map((d) => ({ label: d.label, dueDate: d.dueDate })),
      passed: entries.filter((e) => e.actor.type === 'system' && workflow.events[e.eventType]).map((e) => ({ label: workflow.events[e.eventType].label, at: e.at })),
      ...inputs.deadlineTotals,
    },
    inFull: workflow.reading.inFull?.(view.details, view.statePath, names, dueDateOf) ?? [],
    documents,
    head: { seq: last?.seq ?? 0, hash: last?.hash ?? '' },
    withheld: entries.filter((e) => e.withheld).length,
    entries,
    generatedAt: inputs.now.toISOString(),
  };
}
