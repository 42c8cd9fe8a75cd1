import { Injectable } from '@nestjs/common';
import {
  Clock,
  GetCaseActorNamesUseCase,
  GetCaseHistoryUseCase,
  GetCaseUseCase,
  ListCaseDocumentsUseCase,
  ListOrganisationsUseCase,
  VerifyCaseHistoryUseCase,
  WorkflowRegistry,
  type CaseView,
} from '@compact/application';
import { ActingRelation, AuditEntry, Organisation } from '@compact/domain';
import type { InstalledWorkflow } from '@compact/engine';
import type { Response } from 'express';
import { documentRows, keptDocumentItems } from './case-documents.presenter';
import { inFullBlocks, partyNames, pathStages, summaryRows, timeline } from './case-page.presenter';
import { deadlineRows } from './deadline-rows';
import { confidentialNoteForms } from './confidential-note-form';
import { eventForms, FormContext, SubmittedForm } from './event-forms';
import { deadlineDuties, movesOf, nextMoveBanner } from './next-move-banner';
import { FormError, renderPage } from './page';
import { WebRequest } from './web-request';

export type Banner = { type?: string; title: string; text?: string; html?: string };

/** A form sent and refused, to show again: what was typed, the errors, and the ids of the documents attached for it. */
export type SentForm = Omit<SubmittedForm, 'kept'> & { attached?: readonly string[] };

/** What the event forms need of the case: its context, the options of choice fields for this person, the mediators and the parties' names. */
function formContext(c: CaseView, wf: InstalledWorkflow, organisations: Organisation[]): FormContext {
  const facts = { timers: c.deadlines.map((d) => ({ ...d, dueAt: new Date(d.dueAt) })), deadlines: c.rules.deadlines };
  const acting = ['claimant', 'respondent', 'mediator', 'admin'].includes(c.yourPart) ? (c.yourPart as ActingRelation) : null;
  return {
    context: c.details,
    choices: (type, field) => (acting ? (wf.events[type]?.choices?.(field, acting, c.details, facts) ?? []) : []),
    mediators: organisations.filter((o) => o.kind === 'mediator'),
    parties: { claimant: c.parties.claimant.name, respondent: c.parties.respondent.name },
    describe: (type) => wf.reading.formHelp?.[type]?.(c.details, { ...partyNames(c), mediator: c.parties.mediator?.name ?? 'the mediator' }),
  };
}

/** The forms with the one for `main` (if offered) first. */
const mainFirst = <T extends { type: string }>(forms: T[], main: string | undefined): T[] => [...forms.filter((f) => f.type === main), ...forms.filter((f) => f.type !== main)];

/** The case page (and its print-friendly history), read for the signed-in person: one place for every handler that shows it. */
@Injectable()
export class CasePageRenderer {
  constructor(
    private readonly getCase: GetCaseUseCase,
    private readonly getHistory: GetCaseHistoryUseCase,
    private readonly actorNames: GetCaseActorNamesUseCase,
    private readonly verifyHistory: VerifyCaseHistoryUseCase,
    private readonly organisations: ListOrganisationsUseCase,
    private readonly listDocuments: ListCaseDocumentsUseCase,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  /** Everything a case page shows, read for the signed-in person (404 when they may not see it). */
  async load(req: WebRequest, id: string) {
    const caller = req.webCaller!;
    const [c, history, verification, organisations, people, documents] = await Promise.all([
      this.getCase.execute(caller, id),
      this.getHistory.execute(caller, id),
      this.verifyHistory.execute(caller, id),
      this.organisations.execute(),
      this.actorNames.execute(caller, id),
      this.listDocuments.execute(caller, id),
    ]);
    return { c, history, verification, organisations, people, documents, wf: this.registry.definition(c.workflow.name, c.workflow.version) };
  }

  async render(
    req: WebRequest,
    res: Response,
    id: string,
    /** Or made from what the page shows: the version, the trail, the organisations and the actions offered now. */
    banner: Banner | null | ((wf: InstalledWorkflow, history: AuditEntry[], organisations: Organisation[], offered: string[]) => Banner | null),
    submitted?: SentForm,
    errors?: FormError[],
    status = 200,
    opened?: string,
  ): Promise<void> {
    const { c, history, verification, organisations, people, documents, wf } = await this.load(req, id);
    const humanEvents = c.allowedEvents.filter((t) => !wf.events[t].senders.startsWith('the system'));
    const sent = submitted ? { ...submitted, kept: keptDocumentItems(documents, submitted.attached ?? []) } : undefined;
    const moves = movesOf(c, wf);
    const nextMove = nextMoveBanner(c, wf, this.registry.clockFor(c.rules), this.clock.now(), moves);
    const forms = [...eventForms(humanEvents, wf.events, formContext(c, wf, organisations), sent, opened, c.endingEvents), ...confidentialNoteForms(c, sent)];
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
        deadlines: deadlineRows(c.deadlines, this.registry.clockFor(c.rules), this.clock.now(), deadlineDuties(moves)),
        nextMove,
        // The banner's main action first, under its own heading; the others grouped below it.
        forms: mainFirst(forms, nextMove.action?.event),
        mainFirst: forms.some((f) => f.type === nextMove.action?.event),
        noActionsText:
          c.yourPart === 'board' ? 'Board members can read every case but do not take part in it.' : 'There is nothing for you to do on this case at the moment.',
        verification,
        documents: documentRows(documents, history.entries, organisations, people),
        timeline: timeline(history.entries, wf, organisations, people, partyNames(c)),
      },
      status,
    );
  }
}
