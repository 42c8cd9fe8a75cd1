import { COMPACT_SIDES, CompactSide } from '../parties/organisation-kind';
import {
  CompactCatalog,
  CompactDeadlines,
  CompactGroup,
  CompactSection,
  DEFAULT_COMPACT_DEADLINES,
  Undertaking,
} from './compact-catalog';

export const COMPACT_CATALOG_FORMAT = 'compact-catalog/v1';

/** A Compact file that cannot be used; `problems` name each fault by its JSON path. */
export class CompactCatalogError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Compact file ${source} is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CompactCatalogError';
  }
}

type Json = Record<string, unknown>;

const UNDERTAKING_ID = /^(\d+)\.(\d+)([a-z])?$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

class Checker {
  readonly problems: string[] = [];

  object(value: unknown, path: string): Json | null {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    this.problems.push(`${path}: must be an object`);
    return null;
  }

  array(value: unknown, path: string, nonEmpty = true): unknown[] {
    if (!Array.isArray(value)) {
      this.problems.push(`${path}: must be an array`);
      return [];
    }
    if (nonEmpty && value.length === 0) this.problems.push(`${path}: must not be empty`);
    return value;
  }

  text(value: unknown, path: string, pattern?: RegExp): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.problems.push(`${path}: must be a non-empty string`);
      return '';
    }
    if (pattern && !pattern.test(value)) this.problems.push(`${path}: '${value}' does not match ${pattern}`);
    return value;
  }

  side(value: unknown, path: string): CompactSide {
    if (!COMPACT_SIDES.includes(value as CompactSide)) {
      this.problems.push(`${path}: must be one of ${COMPACT_SIDES.join(', ')}`);
    }
    return value as CompactSide;
  }

  count(value: unknown, path: string, min: number, max: number): number {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.problems.push(`${path}: must be a whole number from ${min} to ${max}`);
      return min;
    }
    return value as number;
  }

  unknownKeys(obj: Json, allowed: string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.problems.push(`${path}.${key}: unknown field`);
    }
  }
}

function parseDeadlines(c: Checker, raw: unknown): CompactDeadlines {
  if (raw === undefined) return { ...DEFAULT_COMPACT_DEADLINES };
  const obj = c.object(raw, 'deadlines');
  if (!obj) return { ...DEFAULT_COMPACT_DEADLINES };
  c.unknownKeys(obj, Object.keys(DEFAULT_COMPACT_DEADLINES), 'deadlines');
  const d = { ...DEFAULT_COMPACT_DEADLINES };
  const days = [
    'acknowledgementWorkingDays',
    'proposalResponseWorkingDays',
    'negotiationWorkingDays',
    'mediatorResponseWorkingDays',
    'reminderWorkingDaysBefore',
    'extensionCapWorkingDays',
    'actionConfirmationWorkingDays',
    'judicialReviewFinalReminderWorkingDaysBefore',
  ] as const;
  for (const key of days) {
    if (obj[key] !== undefined) d[key] = c.count(obj[key], `deadlines.${key}`, 1, 250);
  }
  if (obj.ombudsmanLimitMonths !== undefined) {
    d.ombudsmanLimitMonths = c.count(obj.ombudsmanLimitMonths, 'deadlines.ombudsmanLimitMonths', 1, 120);
  }
  for (const key of ['ombudsmanFirstReminderMonthsBefore', 'ombudsmanFinalReminderMonthsBefore'] as const) {
    if (obj[key] !== undefined) d[key] = c.count(obj[key], `deadlines.${key}`, 1, d.ombudsmanLimitMonths - 1);
  }
  if (obj.judicialReviewLimitMonths !== undefined) {
    d.judicialReviewLimitMonths = c.count(obj.judicialReviewLimitMonths, 'deadlines.judicialReviewLimitMonths', 1, 120);
  }
  if (obj.judicialReviewFirstReminderMonthsBefore !== undefined) {
    d.judicialReviewFirstReminderMonthsBefore = c.count(
      obj.judicialReviewFirstReminderMonthsBefore,
      'deadlines.judicialReviewFirstReminderMonthsBefore',
      1,
      Math.max(1, d.judicialReviewLimitMonths - 1),
    );
  }
  if (d.ombudsmanFinalReminderMonthsBefore > d.ombudsmanFirstReminderMonthsBefore) {
    c.problems.push('deadlines.ombudsmanFinalReminderMonthsBefore: must not be more than ombudsmanFirstReminderMonthsBefore');
  }
  return d;
}

function parseGroup(c: Checker, raw: unknown, path: string, section: string, seen: Set<string>): CompactGroup {
  const obj = c.object(raw, path) ?? {};
  c.unknownKeys(obj, ['heading', 'binds', 'undertakings'], path);
  const binds = c.side(obj.binds, `${path}.binds`);
  const undertakings = c.array(obj.undertakings, `${path}.undertakings`).map((u, i): Undertaking => {
    const upath = `${path}.undertakings[${i}]`;
    const uobj = c.object(u, upath) ?? {};
    c.unknownKeys(uobj, ['id', 'text', 'unnumbered'], upath);
    const id = c.text(uobj.id, `${upath}.id`, UNDERTAKING_ID);
    const match = UNDERTAKING_ID.exec(id);
    if (match && match[1] !== section) c.problems.push(`${upath}.id: '${id}' does not belong to section ${section}`);
    if (id && seen.has(id)) c.problems.push(`${upath}.id: '${id}' is used twice`);
    seen.add(id);
    if (uobj.unnumbered !== undefined && typeof uobj.unnumbered !== 'boolean') {
      c.problems.push(`${upath}.unnumbered: must be true or false`);
    }
    return { id, section, binds, text: c.text(uobj.text, `${upath}.text`), unnumbered: uobj.unnumbered === true };
  });
  return { heading: c.text(obj.heading, `${path}.heading`), binds, undertakings };
}

/** `confidentiality: { "adminsSeeContent": true }` lets administrators read confidential mediation notes; by default they see what the board sees. */
function parseConfidentiality(c: Checker, raw: unknown): CompactCatalog['confidentiality'] {
  if (raw === undefined) return { adminsSeeContent: false };
  const obj = c.object(raw, 'confidentiality');
  if (!obj) return { adminsSeeContent: false };
  c.unknownKeys(obj, ['adminsSeeContent'], 'confidentiality');
  if (obj.adminsSeeContent !== undefined && typeof obj.adminsSeeContent !== 'boolean') c.problems.push('confidentiality.adminsSeeContent: must be true or false');
  return { adminsSeeContent: obj.adminsSeeContent === true };
}

/** Validates a parsed Compact file; throws CompactCatalogError listing every problem found. */
export function parseCompactCatalog(raw: unknown, source: string): CompactCatalog {
  const c = new Checker();
  const root = c.object(raw, '(root)');
  if (!root) throw new CompactCatalogError(source, c.problems);
  c.unknownKeys(root, ['format', 'id', 'name', 'introduction', 'sections', 'disputeResolution', 'deadlines', 'confidentiality'], '(root)');
  if (root.format !== COMPACT_CATALOG_FORMAT) c.problems.push(`format: must be '${COMPACT_CATALOG_FORMAT}'`);
  const seenIds = new Set<string>();
  const seenSections = new Set<string>();
  const sections = c.array(root.sections, 'sections').map((s, i): CompactSection => {
    const path = `sections[${i}]`;
    const obj = c.object(s, path) ?? {};
    c.unknownKeys(obj, ['number', 'title', 'groups'], path);
    const number = c.text(obj.number, `${path}.number`, /^\d+$/);
    if (seenSections.has(number)) c.problems.push(`${path}.number: section ${number} appears twice`);
    seenSections.add(number);
    const groups = c.array(obj.groups, `${path}.groups`).map((g, j) => parseGroup(c, g, `${path}.groups[${j}]`, number, seenIds));
    return { number, title: c.text(obj.title, `${path}.title`), groups };
  });
  const dispute = c.object(root.disputeResolution, 'disputeResolution') ?? {};
  const catalog: CompactCatalog = {
    id: c.text(root.id, 'id', SLUG),
    name: c.text(root.name, 'name'),
    introduction: typeof root.introduction === 'string' ? root.introduction : '',
    sections,
    disputeResolution: {
      section: c.text(dispute.section, 'disputeResolution.section'),
      title: c.text(dispute.title, 'disputeResolution.title'),
      text: c.text(dispute.text, 'disputeResolution.text'),
    },
    deadlines: parseDeadlines(c, root.deadlines),
    confidentiality: parseConfidentiality(c, root.confidentiality),
  };
  if (c.problems.length > 0) throw new CompactCatalogError(source, c.problems);
  return catalog;
}
