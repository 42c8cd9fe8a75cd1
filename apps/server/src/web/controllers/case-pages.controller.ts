import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock, ListCasesUseCase, ListOrganisationsUseCase, WorkflowRegistry, type CasePage } from '@compact/application';
import { DomainError, ErrorCode } from '@compact/domain';
import { CONFIDENTIAL_NOTE } from '@compact/engine';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { partyNames, timeline } from '../case-page.presenter';
import { printView } from '../case-print.presenter';
import { CasePageRenderer } from '../case-page.renderer';
import { boardListFilters } from '../board-list-filters';
import { listedMoveText } from '../case-list.presenter';
import { renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRedirect, WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The message for the search box when the search itself was refused; null for any other error. */
function searchErrorOf(error: unknown): string | null {
  if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) return null;
  const onQ = (error.details.errors ?? []).find((e: { field: string }) => e.field === 'q');
  if (!onQ) return null;
  return onQ.message.startsWith('Enter') ? onQ.message : `The search ${onQ.message}`;
}

@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('cases')
export class CasePagesController {
  constructor(
    private readonly listCases: ListCasesUseCase,
    private readonly organisations: ListOrganisationsUseCase,
    private readonly registry: WorkflowRegistry,
    private readonly casePage: CasePageRenderer,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const caller = req.webCaller!;
    const filters = {
      q: str(query.q).trim(),
      state: str(query.stage),
      undertaking: str(query.undertaking),
      organisation: str(query.organisation),
      overdue: query.overdue === 'yes',
    };
    const organisations = await this.organisations.execute();
    const name = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? '';
    // The filters the board's figures link with (raised from/to, outcome, resolved stage, part, missed deadlines).
    const board = boardListFilters(query, { organisation: name, stages: this.registry.stages() });
    const input = {
      ...board.input,
      state: filters.state || undefined,
      undertaking: filters.undertaking || undefined,
      organisation: /^[0-9a-f-]{36}$/i.test(filters.organisation) ? filters.organisation : undefined,
      overdue: filters.overdue,
    };
    let page: CasePage = { items: [], nextCursor: null };
    let searchError: string | null = null;
    try {
      page = await this.listCases.execute(caller, { ...input, q: filters.q || undefined, cursor: str(query.cursor) || undefined, limit: 20 });
    } catch (error) {
      searchError = searchErrorOf(error);
      if (searchError === null) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
        throw new WebRedirect('/cases');
      }
    }
    const narrowed = Boolean(filters.q || input.state || input.undertaking || input.organisation || input.overdue || board.params.length || query.cursor);
    // Only when nothing came back: does this person have any case at all?
    const noCasesAtAll = page.items.length === 0 && searchError === null && (!narrowed || (await this.listCases.execute(caller, { limit: 1 })).items.length === 0);
    const filterParams = [
      ...Object.entries({ stage: filters.state, undertaking: filters.undertaking, organisation: filters.organisation, overdue: filters.overdue ? 'yes' : '' }).filter(([, v]) => v),
      ...board.params,
    ];
    const params = new URLSearchParams([...(filters.q ? [['q', filters.q] as [string, string]] : []), ...filterParams]);
    renderPage(
      req,
      res,
      'cases/list',
      {
        title: filters.q ? `Cases matching ‘${filters.q}’` : 'Cases',
        section: 'cases',
        filters,
        boardFilters: board,
        searchError,
        errors: searchError ? [{ text: searchError, href: '#q' }] : undefined,
        noCasesAtAll,
        mayRaise: caller.user.role === 'party',
        clearSearchHref: `/cases${filterParams.length ? `?${new URLSearchParams(filterParams)}` : ''}`,
        stageItems: [{ value: '', text: 'Any stage' }, ...this.registry.stages().map((s) => ({ value: s.state, text: s.label, selected: s.state === filters.state }))],
        undertakingItems: [
          { value: '', text: 'Any undertaking' },
          ...this.registry.compact.undertakings().map((u) => ({ value: u.id, text: `${u.id} ${u.text.slice(0, 60)}…`, selected: u.id === filters.undertaking })),
        ],
        organisationItems: [{ value: '', text: 'Any organisation' }, ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === filters.organisation }))],
        cases: page.items.map((c) => ({
          id: c.id,
          reference: c.reference,
          title: c.title,
          stage: c.stateLabel,
          parties: `${name(c.claimantOrganisationId)} v ${name(c.respondentOrganisationId)}`,
          move: listedMoveText(c.nextMove),
          yourMove: c.nextMove?.yours === true,
          nextDeadline: c.nextMove?.dueDate ?? null,
          updatedAt: c.updatedAt,
        })),
        nextHref: page.nextCursor ? `/cases?${new URLSearchParams([...params, ['cursor', page.nextCursor]])}` : null,
        firstHref: query.cursor ? `/cases?${params}` : null,
      },
      searchError ? 400 : 200,
    );
  }

  @Get(':id')
  async show(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Query('done') done?: string, @Query('act') act?: string): Promise<void> {
    await this.casePage.render(
      req,
      res,
      id,
      (wf) => {
        const what = done === 'raised' ? 'The case has been raised' : done === CONFIDENTIAL_NOTE ? 'Your confidential note has been sent' : wf.events[done ?? '']?.label;
        return what ? { type: 'success', title: 'Success', text: `Done: ${what}.` } : null;
      },
      undefined,
      undefined,
      200,
      typeof act === 'string' ? act : undefined,
    );
  }

  @Get(':id/print')
  async print(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const { c, history, verification, organisations, people, wf } = await this.casePage.load(req, id);
    renderPage(req, res, 'cases/print', {
      title: `History of ${c.reference}`,
      c,
      verification,
      timeline: timeline(history.entries, wf, organisations, people, partyNames(c)).reverse(),
      print: printView(c, history.entries, this.clock.now()),
    });
  }
}
