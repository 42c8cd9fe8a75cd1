import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { formatLongDate, toLondonDate } from '@compact/calendar';
import { AnnualReportRecord, DomainError, ErrorCode, FieldError, Repositories, Store } from '@compact/domain';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { Caller, requireRole } from '../auth/caller';
import { Clock } from '../runtime/clock';
import { AnnualReport } from './annual-report';
import { mostCitedUndertakings } from './most-cited-undertakings';
import { ReportFiguresSource } from './report-figures';
import { reportOfSnapshot, ReportSnapshotV1 } from './report-snapshot';
import { parseReportYear, reportYearRange } from './report-year';

/** The longest lessons or response the board may write (characters). */
export const REPORT_TEXT_MAX = 20_000;


const signedOffConflict = (record: AnnualReportRecord) =>
  new DomainError(
    ErrorCode.TRANSITION_NOT_ALLOWED,
    `The annual report for ${record.year} was signed off by ${record.signedOffBy?.name ?? 'a board member'} on ${record.signedOffAt ? formatLongDate(toLondonDate(record.signedOffAt)) : 'an earlier day'}: a signed-off report cannot be changed`,
    { year: record.year, signedOffAt: record.signedOffAt?.toISOString() },
  );

const changedConflict = (year: number) =>
  new DomainError(ErrorCode.VERSION_CONFLICT, `The annual report for ${year} was changed by someone else since you opened it: look at it again, then try again`, { year });

/** Reads a year's report: the snapshot once signed off, otherwise the draft with live figures. */
@Injectable()
export class GetAnnualReportUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly figures: ReportFiguresSource,
  ) {}

  async execute(caller: Caller, input: { year?: unknown }): Promise<AnnualReport> {
    requireRole(caller, 'board', 'admin');
    const year = await this.year(input.year);
    const record = await this.store.read((r) => r.annualReports.findByYear(year));
    if (record?.snapshot) return { ...reportOfSnapshot(record.snapshot), version: record.version };
    return this.draft(year, record);
  }

  /** The years a report can be asked for, newest first (for the year picker). */
  async years(caller: Caller): Promise<number[]> {
    requireRole(caller, 'board', 'admin');
    const { first, last } = reportYearRange({ now: this.clock.now(), firstCaseAt: await this.store.read((r) => r.annualReports.firstCaseAt()) });
    return Array.from({ length: last - first + 1 }, (_, i) => last - i);
  }

  async year(input: unknown): Promise<number> {
    const firstCaseAt = await this.store.read((r) => r.annualReports.firstCaseAt());
    return parseReportYear(input, { now: this.clock.now(), firstCaseAt });
  }

  /** The report as it stands now, live figures and all. */
  async draft(year: number, record: AnnualReportRecord | null): Promise<AnnualReport> {
    const figures = await this.figures.forYear(year);
    return {
      year,
      status: 'draft',
      ...figures,
      mostCited: mostCitedUndertakings(figures.register),
      lessons: record?.lessons ?? '',
      boardResponse: record?.boardResponse ?? '',
      lastSaved: record?.updatedAt && record.updatedBy ? { at: record.updatedAt.toISOString(), by: record.updatedBy } : null,
      signedOff: null,
      version: record?.version ?? 0,
    };
  }
}

function reportText(value: unknown, field: string, errors: FieldError[]): string {
  if (value !== undefined && typeof value !== 'string') {
    errors.push({ field, message: 'must be text' });
    return '';
  }
  const text = (value ?? '').replace(/\r\n?/g, '\n').trim();
  if (text.length > REPORT_TEXT_MAX) errors.push({ field, message: `must be at most ${REPORT_TEXT_MAX.toLocaleString('en-GB')} characters` });
  return text;
}

function expectedVersion(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw DomainError.validation([{ field: 'version', message: 'is not a version this service gave out' }]);
  }
  return n;
}

export interface SaveAnnualReportInput {
  year: unknown;
  lessons: unknown;
  boardResponse: unknown;
  /** The version the page showed (0 before the first save). */
  version: unknown;
}

/** Saves the lessons and the board's response of a draft report; refused once it is signed off. */
@Injectable()
export class SaveAnnualReportUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly reports: GetAnnualReportUseCase,
  ) {}

  async execute(caller: Caller, input: SaveAnnualReportInput): Promise<AnnualReportRecord> {
    requireRole(caller, 'board', 'admin');
    const year = await this.reports.year(input.year);
    const errors: FieldError[] = [];
    const lessons = reportText(input.lessons, 'lessons', errors);
    const boardResponse = reportText(input.boardResponse, 'boardResponse', errors);
    if (errors.length > 0) throw DomainError.validation(errors);
    const version = expectedVersion(input.version);
    const at = this.clock.now();
    const by = { userId: caller.user.id, name: caller.user.name };
    return this.store.write(async (r) => {
      const saved = await r.annualReports.saveText(randomUUID(), year, { lessons, boardResponse, at, by }, version);
      const record = await r.annualReports.findByYear(year);
      if (!saved || !record) throw refusal(year, record);
      await recordAdminAction(r, {
        actor: adminActorOf(caller),
        action: 'ANNUAL_REPORT_SAVED',
        subject: { type: 'annual-report', id: record.id },
        details: { year, version: record.version, by: by.name },
        at,
      });
      return record;
    });
  }
}

function refusal(year: number, record: AnnualReportRecord | null): DomainError {
  return record?.signedOffAt ? signedOffConflict(record) : changedConflict(year);
}

/**
 * Signs off a year's report: freezes the whole report as it stands (figures, lessons, response)
 * with the date and the member. Of two members signing at once, one succeeds and the other is told
 * it is signed off already.
 */
@Injectable()
export class SignOffAnnualReportUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly reports: GetAnnualReportUseCase,
  ) {}

  async execute(caller: Caller, input: { year: unknown; version: unknown }): Promise<AnnualReportRecord> {
    requireRole(caller, 'board', 'admin');
    const year = await this.reports.year(input.year);
    const version = expectedVersion(input.version);
    const current = await this.store.read((r) => r.annualReports.findByYear(year));
    if (current?.signedOffAt) throw signedOffConflict(current);
    if ((current?.version ?? 0) !== version) throw changedConflict(year);
    const missing: FieldError[] = [];
    if (!current?.lessons) missing.push({ field: 'lessons', message: 'Write the lessons noted by the board before signing off' });
    if (!current?.boardResponse) missing.push({ field: 'boardResponse', message: 'Write the board’s response before signing off' });
    if (missing.length > 0) throw DomainError.validation(missing, missing.map((e) => e.message).join('; '));
    const at = this.clock.now();
    const by = { userId: caller.user.id, name: caller.user.name };
    const report: AnnualReport = { ...(await this.reports.draft(year, current)), status: 'signed-off', signedOff: { at: at.toISOString(), by } };
    const snapshot = JSON.stringify({ format: 1, report } satisfies ReportSnapshotV1);
    return this.store.write((r) => this.commit(r, caller, year, version, { at, by, snapshot }));
  }

  private async commit(r: Repositories, caller: Caller, year: number, version: number, signOff: { at: Date; by: { userId: string; name: string }; snapshot: string }) {
    const signed = await r.annualReports.signOff(year, signOff, version);
    const record = await r.annualReports.findByYear(year);
    if (!signed || !record) throw refusal(year, record);
    await recordAdminAction(r, {
      actor: adminActorOf(caller),
      action: 'ANNUAL_REPORT_SIGNED_OFF',
      subject: { type: 'annual-report', id: record.id },
      // The snapshot's digest, so that the frozen report can be checked against this trail.
      details: { year, by: signOff.by.name, snapshotSha256: createHash('sha256').update(signOff.snapshot).digest('hex') },
      at: signOff.at,
    });
    return record;
  }
}
