import { Controller, Get, Inject, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, pageParagraphs } from '@compact/application';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { WebGuard } from '../web.guard';

type InfoPage = 'accessibility' | 'privacy' | 'help';

const TITLES: Record<InfoPage, string> = {
  accessibility: 'Accessibility statement',
  privacy: 'Privacy notice',
  help: 'Help and contact',
};

/**
 * The footer pages, public: the accessibility statement, the privacy notice, and help and contact.
 * Each says who runs the service and how to reach them (SERVICE_OWNER, SUPPORT_EMAIL,
 * SUPPORT_PHONE, SUPPORT_HOURS), and a deployment may replace any of them with its own text.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class InfoPagesController {
  private readonly ownText: Record<InfoPage, string[] | null>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const files = config.servicePages.files;
    this.ownText = { accessibility: pageParagraphs(files.accessibility), privacy: pageParagraphs(files.privacy), help: pageParagraphs(files.help) };
  }

  @Get('accessibility')
  accessibility(@Req() req: WebRequest, @Res() res: Response): void {
    this.show(req, res, 'accessibility');
  }

  @Get('privacy')
  privacy(@Req() req: WebRequest, @Res() res: Response): void {
    this.show(req, res, 'privacy');
  }

  @Get('help')
  help(@Req() req: WebRequest, @Res() res: Response): void {
    this.show(req, res, 'help');
  }

  private show(req: WebRequest, res: Response, page: InfoPage): void {
    const own = this.ownText[page];
    renderPage(req, res, own ? 'info/own-text' : `info/${page}`, { title: TITLES[page], pages: this.config.servicePages, paragraphs: own });
  }
}
