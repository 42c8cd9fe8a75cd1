import { Body, Controller, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AttachDocumentUseCase, Caller, GetCaseUseCase, ListCaseDocumentsUseCase, SendCaseEventUseCase, WorkflowRegistry, type CaseView } from '@compact/application';
import { DomainError, ErrorCode } from '@compact/domain';
import { CONFIDENTIAL_NOTE, type EventDefinition } from '@compact/engine';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { CasePageRenderer } from '../case-page.renderer';
import { CONFIDENTIAL_NOTE_FORM } from '../confidential-note-form';
import { confirmationRows, documentsRow, lowerFirst } from '../confirm-ending.presenter';
import { documentRefusalText } from '../document-words';
import { fieldId, formErrors, payloadFromForm } from '../event-forms';
import { renderPage } from '../page';
import { DOCUMENTS_FIELD, PageUpload, TakesDocuments, uploadOf } from '../page-uploads';
import { conflictBanner } from '../version-conflict.presenter';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** The field that carries, as ticked checkboxes or hidden fields, the documents attached for a form that was not sent yet. */
const ATTACHED = 'attached';
const idsOf = (v: unknown): string[] => ([] as unknown[]).concat(v ?? []).filter((id): id is string => typeof id === 'string' && id !== '');

/**
 * POST /cases/:id/events: the case page's forms, with or without files. Files are attached first
 * (pending, seen only by the person), then the event is sent citing them with those kept from an
 * earlier try; a refusal of either shows the form again with what was typed and the documents
 * attached for it (ticked), and sends nothing.
 */
@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('cases')
export class CaseEventPagesController {
  constructor(
    private readonly getCase: GetCaseUseCase,
    private readonly sendEvent: SendCaseEventUseCase,
    private readonly attach: AttachDocumentUseCase,
    private readonly listDocuments: ListCaseDocumentsUseCase,
    private readonly registry: WorkflowRegistry,
    private readonly casePage: CasePageRenderer,
  ) {}

  @Post(':id/events')
  @TakesDocuments()
  async event(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const caller = req.webCaller!;
    const current = await this.getCase.execute(caller, id);
    const type = str(body.type);
    // A confidential note is the engine's, not the workflow's: its form reads its fields from there.
    const def = type === CONFIDENTIAL_NOTE ? CONFIDENTIAL_NOTE_FORM : this.registry.definition(current.workflow.name, current.workflow.version).events[type];
    if (!def) throw new DomainError(ErrorCode.NOT_FOUND, 'No such action');
    const { payload, values } = payloadFromForm(def, body);
    const version = /^\d+$/.test(str(body.version)) ? Number(body.version) : undefined;
    const kept = idsOf(body[ATTACHED]);
    const upload = uploadOf(req);
    let attached: string[];
    try {
      attached = [...kept, ...(await this.attachFiles(caller, id, upload))];
    } catch (error) {
      const text = upload.refusal && error === upload.refusal ? upload.refusal.message : documentRefusalText(error);
      if (text === null) throw error;
      return this.casePage.render(req, res, id, null, { type, values, errors: { [DOCUMENTS_FIELD]: text }, attached: kept }, [{ text, href: `#${fieldId(type, DOCUMENTS_FIELD)}` }], 400);
    }
    // An act that ends the case is confirmed on a page of its own first (it cannot be taken back).
    if (current.endingEvents.includes(type) && str(body.confirmed) !== 'yes') return this.confirm(req, res, current, type, def, values, body, attached);
    try {
      await this.sendEvent.execute(caller, id, { type, ...payload, ...(attached.length > 0 ? { [DOCUMENTS_FIELD]: attached } : {}) }, version);
      return res.redirect(303, `/cases/${id}?done=${encodeURIComponent(type)}#main-content`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const sent = { type, values, attached };
      const refused = documentRefusalText(error);
      if (refused !== null) {
        return this.casePage.render(req, res, id, null, { ...sent, errors: { [DOCUMENTS_FIELD]: refused } }, [{ text: refused, href: `#${fieldId(type, DOCUMENTS_FIELD)}` }], 400);
      }
      if (error.code === ErrorCode.VALIDATION_FAILED) {
        const { summary, byField } = formErrors(type, def, error.details.errors ?? []);
        return this.casePage.render(req, res, id, null, { ...sent, errors: byField }, summary, 400);
      }
      if (error.code === ErrorCode.VERSION_CONFLICT) {
        // What the person typed is kept: in its form when the action is still offered, else in the banner.
        const seen = /^\d+$/.test(str(body.seen)) ? Number(body.seen) : undefined;
        return this.casePage.render(
          req,
          res,
          id,
          (wf, history, organisations, offered) => conflictBanner(history, seen, wf, organisations, { def, values, stillOffered: offered.includes(type) }),
          { ...sent, errors: {} },
          undefined,
          409,
        );
      }
      return this.casePage.render(req, res, id, { type: undefined, title: 'Important', text: error.message }, undefined, undefined, 409);
    }
  }

  /** The files the form brought, attached (all or none); their ids. */
  private async attachFiles(caller: Caller, id: string, upload: PageUpload): Promise<string[]> {
    if (upload.refusal) throw upload.refusal;
    if (upload.files.length === 0) return [];
    return (await this.attach.executeAll(caller, id, upload.files)).map((d) => d.id);
  }

  /** "Are you sure…?", with what was entered and the documents it will cite, sent on by "Yes". */
  private async confirm(
    req: WebRequest,
    res: Response,
    current: CaseView,
    type: string,
    def: EventDefinition<unknown>,
    values: Record<string, string>,
    body: Record<string, unknown>,
    attached: string[],
  ): Promise<void> {
    const documents = attached.length > 0 ? (await this.listDocuments.execute(req.webCaller!, current.id)).filter((d) => attached.includes(d.id)) : [];
    renderPage(req, res, 'cases/confirm', {
      title: `Are you sure you want to ${lowerFirst(def.label)}?`,
      c: current,
      type,
      label: def.label,
      version: current.version,
      entered: [...confirmationRows(def, values), ...documentsRow(documents)],
      resend: Object.entries(body).filter(([k, v]) => typeof v === 'string' && !['_csrf', 'type', 'version', 'confirmed', ATTACHED].includes(k)),
      attached,
    });
  }
}
