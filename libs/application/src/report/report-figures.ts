import { Injectable } from '@nestjs/common';
import { FEEDBACK_TABLES } from '../feedback/feedback-figures';
import { PublishedTable } from '../published/published-table';
import { ReportFigures, ReportLicence } from './annual-report';

/** What the register publishes for a year (the shape of GetRegisterUseCase's answer). */
export interface RegisterForYear {
  generatedAt: string;
  minCount: number;
  licence: ReportLicence;
  tables: PublishedTable[];
}

/**
 * The register, as the report reads it: a port, bound to GetRegisterUseCase (application.module.ts), so the report does
 * not know how the register's figures are computed or suppressed.
 */
export abstract class RegisterFiguresPort {
  abstract execute(input: { year?: number }): Promise<RegisterForYear>;
}

/**
 * Where a draft report's figures come from: the register's for the year (already suppressed), its
 * feedback tables among them.
 */
@Injectable()
export class ReportFiguresSource {
  constructor(private readonly register: RegisterFiguresPort) {}

  /** The register's tables for the year, with its feedback tables (which the register publishes too) shown apart. */
  async forYear(year: number): Promise<ReportFigures> {
    const register = await this.register.execute({ year });
    const isFeedback = (t: PublishedTable) => (FEEDBACK_TABLES as readonly string[]).includes(t.name);
    return {
      generatedAt: register.generatedAt,
      minCount: register.minCount,
      licence: register.licence,
      register: register.tables.filter((t) => !isFeedback(t)),
      feedback: register.tables.filter(isFeedback),
    };
  }
}
