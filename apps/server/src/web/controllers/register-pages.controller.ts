import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GetRegisterUseCase } from '@compact/application';
import { DomainError, ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { renderPage } from '../page';
import { registerPageData } from '../register.presenter';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { WebGuard } from '../web.guard';

/** How long the public register's figures may be answered again before they are counted afresh. */
export const REGISTER_MAX_AGE_MS = 60_000;

/** The public register (no sign-in); with REGISTER=off it is not there (404). */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('register')
export class RegisterPagesController {
  constructor(private readonly register: GetRegisterUseCase) {}

  @Get()
  async page(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    if (!this.register.isPublic) throw new DomainError(ErrorCode.NOT_FOUND, 'The register is not published');
    const figures = await this.register.execute({ maxAgeMs: REGISTER_MAX_AGE_MS });
    renderPage(req, res, 'register/register', { title: 'How the Compact is being kept: the public register', section: 'register', ...registerPageData(figures, true) });
  }
}
