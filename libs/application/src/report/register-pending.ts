import { Injectable } from '@nestjs/common';
import { Clock } from '../runtime/clock';
import { RegisterFiguresPort, RegisterForYear } from './report-figures';

/**
 * SEAM, until the register (GetRegisterUseCase) is merged: a register with no tables, so that the
 * report's feedback, texts and sign-off work on their own. Replaced by GetRegisterUseCase in
 * application.module.ts.
 */
@Injectable()
export class RegisterPending extends RegisterFiguresPort {
  constructor(private readonly clock: Clock) {
    super();
  }

  async execute(): Promise<RegisterForYear> {
    return { generatedAt: this.clock.now().toISOString(), minCount: 5, licence: { name: 'OGL-UK-3.0', title: 'Open Government Licence v3.0' }, tables: [] };
  }
}
