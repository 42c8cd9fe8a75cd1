import { ReportFigures } from './annual-report';

/**
 * Where a draft report's figures come from: the register's (already suppressed) for the year, and
 * the feedback's for the year under the same minimum count. A port, so the report does not know
 * how either is computed.
 */
export abstract class ReportFiguresSource {
  abstract forYear(year: number): Promise<ReportFigures>;
}
