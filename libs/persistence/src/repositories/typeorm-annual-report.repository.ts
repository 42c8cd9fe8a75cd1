import { AnnualReportRecord, AnnualReportRepository, AnnualReportSignOff, AnnualReportText } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';

interface AnnualReportRow {
  id: string;
  year: number | string;
  lessons: string;
  board_response: string;
  updated_at: number | string | null;
  updated_by_id: string | null;
  updated_by_name: string | null;
  signed_off_at: number | string | null;
  signed_off_by_id: string | null;
  signed_off_by_name: string | null;
  snapshot: string | null;
  version: number | string;
}

const instant = (v: number | string | null) => (v === null ? null : new Date(Number(v)));
const person = (id: string | null, name: string | null) => (id === null ? null : { userId: id, name: name ?? '' });

const fromRow = (r: AnnualReportRow): AnnualReportRecord => ({
  id: r.id,
  year: Number(r.year),
  lessons: r.lessons,
  boardResponse: r.board_response,
  updatedAt: instant(r.updated_at),
  updatedBy: person(r.updated_by_id, r.updated_by_name),
  signedOffAt: instant(r.signed_off_at),
  signedOffBy: person(r.signed_off_by_id, r.signed_off_by_name),
  snapshot: r.snapshot,
  version: Number(r.version),
});

/** The annual reports: every write is conditional on the version read and on the report being a draft. */
export class TypeOrmAnnualReportRepository extends AnnualReportRepository {
  private readonly sql: Sql;

  constructor(manager: EntityManager, postgres: boolean) {
    super();
    this.sql = new Sql(manager, postgres);
  }

  async findByYear(year: number): Promise<AnnualReportRecord | null> {
    const row = await this.sql.one<AnnualReportRow>('SELECT * FROM annual_reports WHERE year = ?', [year]);
    return row ? fromRow(row) : null;
  }

  async saveText(id: string, year: number, text: AnnualReportText, expectedVersion: number): Promise<boolean> {
    const at = text.at.getTime();
    if (expectedVersion === 0) {
      // The unique index on year decides between two first saves at once: the second inserts nothing.
      const inserted = await this.sql.run(
        `INSERT INTO annual_reports (id, year, lessons, board_response, updated_at, updated_by_id, updated_by_name, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (year) DO NOTHING`,
        [id, year, text.lessons, text.boardResponse, at, text.by.userId, text.by.name],
      );
      return inserted === 1;
    }
    const updated = await this.sql.run(
      `UPDATE annual_reports SET lessons = ?, board_response = ?, updated_at = ?, updated_by_id = ?, updated_by_name = ?, version = version + 1
       WHERE year = ? AND version = ? AND signed_off_at IS NULL`,
      [text.lessons, text.boardResponse, at, text.by.userId, text.by.name, year, expectedVersion],
    );
    return updated === 1;
  }

  async signOff(year: number, signOff: AnnualReportSignOff, expectedVersion: number): Promise<boolean> {
    const updated = await this.sql.run(
      `UPDATE annual_reports SET signed_off_at = ?, signed_off_by_id = ?, signed_off_by_name = ?, snapshot = ?, version = version + 1
       WHERE year = ? AND version = ? AND signed_off_at IS NULL`,
      [signOff.at.getTime(), signOff.by.userId, signOff.by.name, signOff.snapshot, year, expectedVersion],
    );
    return updated === 1;
  }

  async firstCaseAt(): Promise<Date | null> {
    const row = await this.sql.one<{ first: number | string | null }>('SELECT MIN(created_at) AS first FROM cases');
    return row ? instant(row.first) : null;
  }
}
