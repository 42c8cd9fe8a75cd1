import { Injectable } from '@nestjs/common';
import { GetFeedbackFiguresUseCase } from '../feedback/get-feedback-figures.use-case';
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
 * Where a draft report's figures come from: the register's (already suppressed) for the year, and
 * the feedback's for the year under the register's minimum count.
 */
@Injectable()
export class ReportFiguresSource {
  constructor(
    private readonly register: RegisterFiguresPort,
    private readonly feedback: GetFeedbackFiguresUseCase,
  ) {}

  async forYear(year: number): Promise<ReportFigures> {
    const register = await this.register.execute({ year });
    const feedback = await this.feedback.execute({ year, minCount: register.minCount });
    return { generatedAt: register.generatedAt, minCount: register.minCount, licence: register.licence, register: register.tables, feedback };
  }
}
