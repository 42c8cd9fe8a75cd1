import { AuditEntry } from '@compact/domain';
import { ChainVerification } from '@compact/engine';

export interface CaseHistoryExport {
  id: string;
  reference: string;
  title: string;
  kind: string;
  /** The workflow version the case runs on now; its states are that version's. */
  workflow: { name: string; version: number };
  state: string;
  claimantOrganisationId: string;
  respondentOrganisationId: string;
  undertakings: string[];
  verification: ChainVerification;
  history: AuditEntry[];
}

/** Every case's trail, newest case first, as it is read from the database a page at a time. */
export interface CaseHistoriesExport {
  exportedAt: string;
  cases: AsyncIterable<CaseHistoryExport>;
}

const CSV_COLUMNS = [
  'case_reference', 'case_id', 'seq', 'at', 'actor_type', 'actor_role', 'actor_user_id', 'actor_organisation_id',
  'event_type', 'from_state', 'to_state', 'payload', 'prev_hash', 'hash', 'chain_valid',
  // Last, so that the columns before keep their places for whoever reads them by position.
  'workflow',
] as const;

/** One CSV cell, always quoted, with a leading spreadsheet formula character neutralised. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The workflow version each entry of a case's trail was recorded under (`compact-dispute/v1`),
 * read from the trail itself: the version the case was raised on, then the one each migration
 * moved it to (a WORKFLOW_MIGRATED entry's to-state is already the new version's). A trail written
 * before raising recorded the version is on its first migration's `from`, or on the case's own.
 */
export function versionOfEntries(c: Pick<CaseHistoryExport, 'workflow' | 'history'>): string[] {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const raised = c.history.find((e) => e.eventType === 'CASE_RAISED');
  const firstMigration = c.history.find((e) => e.eventType === 'WORKFLOW_MIGRATED');
  let current = text(raised?.payload.workflow) ?? text(firstMigration?.payload.from) ?? `${c.workflow.name}/v${c.workflow.version}`;
  return c.history.map((e) => {
    if (e.eventType === 'WORKFLOW_MIGRATED') current = text(e.payload.to) ?? current;
    return current;
  });
}

/** The CSV's header line, with its line break. */
export const CSV_HEADER = CSV_COLUMNS.join(',') + '\r\n';

/** One case's rows of the CSV (one per audit entry), each with its line break; empty for a case with no entry. */
export function caseCsvRows(c: CaseHistoryExport): string {
  const versions = versionOfEntries(c);
  let rows = '';
  for (const [i, e] of c.history.entries()) {
    const user = e.actor.type === 'user' ? e.actor : null;
    rows +=
      [
        c.reference, c.id, e.seq, e.at, e.actor.type, user?.role, user?.userId, user?.organisationId,
        e.eventType, e.fromState, e.toState, JSON.stringify(e.payload), e.prevHash, e.hash, c.verification.valid, versions[i],
      ]
        .map(csvCell)
        .join(',') + '\r\n';
  }
  return rows;
}

/** One row per audit entry, RFC 4180, UTF-8. */
export function historiesToCsv(cases: CaseHistoryExport[]): string {
  // (Not named `exports`: CommonJS output reads this module's own exports, CSV_HEADER among them, through that name.)
  return CSV_HEADER + cases.map(caseCsvRows).join('');
}

/** The CSV in pieces as the cases come: the header, then each case's rows. */
export async function* historiesCsvChunks(cases: AsyncIterable<CaseHistoryExport>): AsyncGenerator<string> {
  yield CSV_HEADER;
  for await (const c of cases) {
    const rows = caseCsvRows(c);
    if (rows !== '') yield rows;
  }
}

/**
 * The JSON document in pieces as the cases come, byte for byte what
 * `JSON.stringify({ exportedAt, cases: [...] }, null, 2)` gives for the whole: each case is
 * stringified on its own and indented to its depth (a JSON string never holds a raw line break).
 */
export async function* historiesJsonChunks(data: CaseHistoriesExport): AsyncGenerator<string> {
  let first = true;
  yield `{\n  "exportedAt": ${JSON.stringify(data.exportedAt)},\n  "cases": [`;
  for await (const c of data.cases) {
    yield (first ? '\n    ' : ',\n    ') + JSON.stringify(c, null, 2).replace(/\n/g, '\n    ');
    first = false;
  }
  yield first ? ']\n}' : '\n  ]\n}';
}
