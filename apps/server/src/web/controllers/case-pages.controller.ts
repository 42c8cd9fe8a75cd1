import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  GetCaseActorNamesUseCase,
  GetCaseHistoryUseCase,
  GetCaseUseCase,
  ListCasesUseCase,
  ListOrganisationsUseCase,
  Clock,
  SendCaseEventUseCase,
  VerifyCaseHistoryUseCase,
  WorkflowRegistry,
  type CasePage,
  type CaseView,
} from '@compact/application';
import { ActingRelation, AuditEntry, DomainError, ErrorCode, Organisation } from '@compact/domain';
import type { InstalledWorkflow } from '@compact/engine';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { inFullBlocks, pathStages, summaryRows, timeline } from '../case-page.presenter';
import { deadlineRows } from '../deadline-rows';
import { nextMoveBanner } from '../next-move-banner';
import { listedMoveText } from '../case-list.presenter';
import { confirmationRows, lowerFirst } from '../confirm-ending.presenter';
import { conflictBanner } from '../version-conflict.presenter';
import { eventForms, FormContext, formErrors, payloadFromForm } from '../event-forms';
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

type Banner = { type?: string; title: string; text?: string; html?: string };

/** What the event forms need of the case: its context, the options of choice fields for this person, the mediators and the parties' names. */
function formContext(c: CaseView, wf: InstalledWorkflow, organisations: Organisation[]): FormContext {
  const facts = { timers: c.deadlines.map((d) => ({ ...d, dueAt: new Date(d.dueAt) })), deadlines: c.rules.deadlines };
  const acting = ['claimant', 'respondent', 'mediator', 'admin'].includes(c.yourPart) ? (c.yourPart as ActingRelation) : null;
  return {
    context: c.details,
    choices: (type, field) => (acting ? (wf.events[type]?.choices?.(field, acting, c.details, facts) ?? []) : []),
    mediators: organisations.filter((o) => o.kind === 'mediator'),
    parties: { claimant: c.parties.claimant.name, respondent: c.parties.respondent.name },
  };
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
    private readonly getCase: GetCaseUseCase,
    private readonly getHistory: GetCaseHistoryUseCase,
    private readonly actorNames: GetCaseActorNamesUseCase,
    private readonly verifyHistory: VerifyCaseHistoryUseCase,
    private readonly sendEvent: SendCaseEventUseCase,
    private readonly organisations: ListOrganisationsUseCase,
    private readonly registry: WorkflowRegistry,
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
    const input = {
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
    const narrowed = Boolean(filters.q || input.state || input.undertaking || input.organisation || input.overdue || query.cursor);
    // Only when nothing came back: does this person have any case at all?
    const noCasesAtAll = page.items.length === 0 && searchError === null && (!narrowed || (await this.listCases.execute(caller, { limit: 1 })).items.length === 0);
    const name = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? '';
    const filterParams = Object.entries({ stage: filters.state, undertaking: filters.undertaking, organisation: filters.organisation, overdue: filters.overdue ? 'yes' : '' }).filter(([, v]) => v);
    const params = new URLSearchParams([...(filters.q ? [['q', filters.q] as [string, string]] : []), ...filterParams]);
    renderPage(
      req,
      res,
      'cases/list',
      {
        title: filters.q ? `Cases matching ‘${filters.q}’` : 'Cases',
        section: 'cases',
        filters,
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
    await this.renderCase(
      req,
      res,
      id,
      (wf) => {
        const what = done === 'raised' ? 'The case has been raised' : wf.events[done ?? '']?.label;
        return what ? { type: 'success', title: 'Success', text: `Done: ${what}.` } : null;
      },
      undefined,
      undefined,
      200,
      typeof act === 'string' ? act : undefined,
    );
  }

  @Post(':id/events')
  async event(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const caller = req.webCaller!;
    const current = await this.getCase.execute(caller, id);
    const type = str(body.type);
    const def = this.registry.definition(current.workflow.name, current.workflow.version).events[type];
    if (!def) throw new DomainError(ErrorCode.NOT_FOUND, 'No such action');
    const { payload, values } = payloadFromForm(def, body);
    const version = /^\d+$/.test(str(body.version)) ? Number(body.version) : undefined;
    // An act that ends the case is confirmed on a page of its own first (it cannot be taken back).
    if (current.endingEvents.includes(type) && str(body.confirmed) !== 'yes') {
      return renderPage(req, res, 'cases/confirm', {
        title: `Are you sure you want to ${lowerFirst(def.label)}?`,
        c: current,
        type,
        label: def.label,
        version: current.version,
        entered: confirmationRows(def, values),
        resend: Object.entries(body).filter(([k, v]) => typeof v === 'string' && !['_csrf', 'type', 'version', 'confirmed'].includes(k)),
      });
    }
    try {
      await this.sendEvent.execute(caller, id, { type, ...payload }, version);
      return res.redirect(303, `/cases/${id}?done=${encodeURIComponent(type)}#main-content`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.VALIDATION_FAILED) {
        const { summary, byField } = formErrors(type, def, error.details.errors ?? []);
        return this.renderCase(req, res, id, null, { type, values, errors: byField }, summary, 400);
      }
      if (error.code === ErrorCode.VERSION_CONFLICT) {
        // What the person typed is kept: in its form when the action is still offered, else in the banner.
        const seen = /^\d+$/.test(str(body.seen)) ? Number(body.seen) : undefined;
        return this.renderCase(
          req,
          res,
          id,
          (wf, history, organisations, offered) => conflictBanner(history, seen, wf, organisations, { def, values, stillOffered: offered.includes(type) }),
          { type, values, errors: {} },
          undefined,
          409,
        );
      }
      return this.renderCase(req, res, id, { type: undefined, title: 'Important', text: error.message }, undefined, undefined, 409);
    }
  }

  @Get(':id/print')
  async print(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const { c, history, verification, organisations, people, wf } = await this.load(req, id);
    renderPage(req, res, 'cases/print', { title: `History of ${c.reference}`, c, verification, timeline: timeline(history.entries, wf, organisations, people).reverse(), entries: history.entries });
  }

  /** Everything a case page shows, read for the signed-in person (404 when they may not see it). */
  private async load(req: WebRequest, id: string) {
    const caller = req.webCaller!;
    const [c, history, verification, organisations, people] = await Promise.all([
      this.getCase.execute(caller, id),
      this.getHistory.execute(caller, id),
      this.verifyHistory.execute(caller, id),
      this.organisations.execute(),
      this.actorNames.execute(caller, id),
    ]);
    return { c, history, verification, organisations, people, wf: this.registry.definition(c.workflow.name, c.workflow.version) };
  }

  private async renderCase(
    req: WebRequest,
    res: Response,
    id: string,
    /** Or made from what the page shows: the version, the trail, the organisations and the actions offered now. */
    banner: Banner | null | ((wf: InstalledWorkflow, history: AuditEntry[], organisations: Organisation[], offered: string[]) => Banner | null),
    submitted?: { type: string; values: Record<string, string>; errors: Record<string, string> },
    errors?: Array<{ text: string; href: string }>,
    status = 200,
    opened?: string,
  ): Promise<void> {
    const { c, history, verification, organisations, people, wf } = await this.load(req, id);
    const humanEvents = c.allowedEvents.filter((t) => !wf.events[t].senders.startsWith('the system'));
    renderPage(
      req,
      res,
      'cases/show',
      {
        title: `${c.reference}: ${c.title}`,
        c,
        banner: typeof banner === 'function' ? banner(wf, history.entries, organisations, humanEvents) : banner,
        seenSeq: history.entries.at(-1)?.seq ?? 0,
        errors,
        stages: pathStages(wf.reading.stages, c.state, history.entries),
        summaryRows: summaryRows(c),
        inFull: inFullBlocks(c, wf),
        deadlines: deadlineRows(c.deadlines, this.registry.clockFor(c.rules), this.clock.now()),
        nextMove: nextMoveBanner(c, wf, this.registry.clockFor(c.rules), this.clock.now()),
        forms: eventForms(humanEvents, wf.events, formContext(c, wf, organisations), submitted, opened, c.endingEvents),
        noActionsText:
          c.yourPart === 'board' ? 'Board members can read every case but do not take part in it.' : 'There is nothing for you to do on this case at the moment.',
        verification,
        timeline: timeline(history.entries, wf, organisations, people),
      },
      status,
    );
  }
}
