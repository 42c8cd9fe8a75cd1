import { CalculatorAnswer, CaseView, nextMove } from '@compact/application';
import { formatLongDate } from '@compact/calendar';
import { citableUndertakings, CompactIndex, CompactSide, Organisation, Undertaking } from '@compact/domain';
import type { InstalledWorkflow } from '@compact/engine';
import { escapeHtml } from '@compact/mail';
import { joined } from './next-move-banner';
import { questionFields, questionOf } from './calculator-question';
import { FormError } from './page';
import { carriedFields, dateOfBoxes, previousStep, RaiseAnswers, RaiseStep } from './raise-answers';

/** What every page of the journey is shown with. */
export interface RaiseContext {
  compact: CompactIndex;
  candidates: Organisation[];
  claimantSide: CompactSide | null;
  respondent: Organisation | null;
  respondentSide: CompactSide | null;
  calculator: CalculatorAnswer | null;
  /** What the calculator filled in, in words ("the date you became aware is the date you were told"). */
  filled: string[];
}

const TITLES: Record<RaiseStep | 'check', string> = {
  respondent: 'Which organisation is the case against?',
  kind: 'Is it a breach of an undertaking or a disagreement?',
  undertakings: 'Which undertakings does the case cite?',
  details: 'What happened?',
  outcome: 'What do you want to happen?',
  aware: 'When did you become aware of the matter?',
  check: 'Check your answers before raising the case',
};

const sideText = (side: CompactSide | null) => (side === 'vcs' ? 'the voluntary and community sector' : 'public bodies and agencies');
const otherSide = (side: CompactSide | null): CompactSide => (side === 'vcs' ? 'public-bodies' : 'vcs');

/** The page for one step: its template and what it shows (answers kept, errors all at once). */
export function raiseStepPage(
  step: RaiseStep,
  a: RaiseAnswers,
  ctx: RaiseContext,
  options: { errors?: FormError[]; returning?: boolean; search?: string } = {},
): { template: string; data: Record<string, unknown> } {
  const errors = options.errors ?? [];
  const byField: Record<string, string> = {};
  for (const e of errors) byField[e.href.slice(1).replace(/-(day|month|year)$/, '').replace(/^undertakings-.*/, 'undertakings')] ??= e.text;
  const data: Record<string, unknown> = {
    title: TITLES[step],
    section: 'new',
    step,
    answers: a,
    carried: carriedFields(a, step),
    returning: options.returning ?? false,
    back: previousStep(step) !== null,
    respondentName: ctx.respondent?.name ?? '',
    sideText: sideText(ctx.respondentSide),
    otherSideText: sideText(otherSide(ctx.respondentSide)),
    sameSide: ctx.respondentSide !== null && ctx.claimantSide === ctx.respondentSide,
    compactName: ctx.compact.catalog.name,
    errors,
    byField,
    calculator: ctx.calculator ? { explanation: ctx.calculator.explanation, filled: ctx.filled.join(' and ') } : null,
  };
  if (step === 'respondent') {
    data.items = ctx.candidates.map((o) => ({
      value: o.id,
      text: o.name,
      checked: o.id === a.respondent,
      hint: { text: o.kind === 'vcs' ? 'Voluntary or community organisation' : 'Public body or agency' },
    }));
  }
  if (step === 'undertakings') Object.assign(data, undertakingsShown(a, ctx, options.search ?? ''));
  if (step === 'aware') data.exampleDate = '27 3 2026';
  return { template: `cases/raise/${step}`, data };
}

/** The words of a search, lower case. */
const wordsOf = (q: string) => q.toLowerCase().split(/\s+/).filter(Boolean);
const matches = (u: Undertaking, words: string[]) => words.every((w) => u.id.toLowerCase() === w || u.text.toLowerCase().includes(w));

/**
 * The undertakings offered, by section: for a breach those that bind the respondent's side (the
 * API's rule, citation-policy); a disagreement may also cite the rest, offered apart. A search
 * shows only those whose text holds every word; chosen ones it hides stay chosen (hidden fields).
 */
function undertakingsShown(a: RaiseAnswers, ctx: RaiseContext, search: string) {
  const side = ctx.respondentSide ?? 'public-bodies';
  const breach = a.kind === 'breach';
  const sameSide = ctx.claimantSide === side;
  const forBreach = new Set(citableUndertakings(ctx.compact, 'breach', side).map((u) => u.id));
  const words = wordsOf(search);
  const all = citableUndertakings(ctx.compact, breach ? 'breach' : 'disagreement', side);
  const shown = all.filter((u) => matches(u, words));
  const bySection = (keep: (u: Undertaking) => boolean) =>
    ctx.compact.catalog.sections
      .map((s) => ({
        number: s.number,
        title: s.title,
        items: shown
          .filter((u) => u.section === s.number && keep(u))
          .map((u) => ({ value: u.id, html: `<strong>${u.id}</strong> ${escapeHtml(u.text)}`, checked: a.undertakings.includes(u.id) })),
      }))
      .filter((s) => s.items.length > 0);
  const sections = sameSide ? [] : bySection((u) => forBreach.has(u.id));
  const otherSections = breach ? [] : bySection((u) => sameSide || !forBreach.has(u.id));
  const shownIds = new Set(shown.map((u) => u.id));
  return { sections, otherSections, search, shownCount: shown.length, hiddenChosen: a.undertakings.filter((id) => !shownIds.has(id)) };
}

/** Where an error about the undertakings links: the first box offered. */
export function firstUndertakingHref(a: RaiseAnswers, ctx: RaiseContext): string {
  const { sections, otherSections } = undertakingsShown(a, ctx, '');
  const first = sections[0] ? `undertakings-${sections[0].number}` : otherSections[0] ? `undertakings-other-${otherSections[0].number}` : 'undertakings';
  return `#${first}`;
}

/** The check answers page: one row per question, each with its Change button. */
export function raiseCheckPage(
  a: RaiseAnswers,
  ctx: RaiseContext,
  options: { errors?: FormError[]; documentsNote?: string; nobodyCanSignIn: boolean },
): { template: string; data: Record<string, unknown> } {
  const cited = a.undertakings.map((id) => {
    const u = ctx.compact.find(id);
    return u ? `${u.id} ${u.text}` : id;
  });
  const aware = dateOfBoxes(a.aware);
  const decision = dateOfBoxes(a.decision);
  const rows = [
    { id: 'respondent', step: 'respondent', key: 'Organisation the case is against', lines: [ctx.respondent?.name ?? ''] },
    { id: 'kind', step: 'kind', key: 'Kind of case', lines: [a.kind === 'breach' ? 'An alleged breach of an undertaking' : 'A disagreement'] },
    { id: 'undertakings', step: 'undertakings', key: 'Undertakings cited', lines: cited.length > 0 ? cited : ['None'] },
    { id: 'title', step: 'details', key: 'Title', lines: [a.title] },
    { id: 'summary', step: 'details', key: 'What happened', lines: a.summary.split(/\n+/) },
    { id: 'outcome', step: 'outcome', key: 'What you want to happen', lines: [a.desiredOutcome || 'Not given'] },
    { id: 'aware', step: 'aware', key: 'Date you became aware of the matter', lines: [aware ? formatLongDate(aware) : ''] },
    ...(decision ? [{ id: 'decision', step: 'aware', key: 'Date of the decision', lines: [formatLongDate(decision)] }] : []),
  ];
  const name = ctx.respondent?.name ?? 'The organisation';
  const whatNext = options.nobodyCanSignIn
    ? `When you raise the case, ${name} must acknowledge it. We will tell an administrator, who can invite someone there.`
    : `When you raise the case, we email ${name}, who must then acknowledge it. The next page says by when.`;
  const byField: Record<string, string> = {};
  for (const e of options.errors ?? []) byField[e.href.slice(1)] ??= e.text;
  return {
    template: 'cases/raise/check',
    data: {
      title: TITLES.check,
      section: 'new',
      rows,
      carried: carriedFields(a, 'check'),
      respondentName: name,
      nobodyCanSignIn: options.nobodyCanSignIn,
      whatNext,
      errors: options.errors ?? [],
      byField,
      documentsNote: options.documentsNote,
      calculator: ctx.calculator ? { explanation: ctx.calculator.explanation, fields: questionFields(questionOf(ctx.calculator)) } : null,
    },
  };
}

/**
 * The confirmation's "what happens next": who must act on the new case and by when, read from its
 * own deadlines and workflow (nextMove, as the case page's banner), never typed per state.
 */
export function whatHappensNext(c: CaseView, wf: InstalledWorkflow): string {
  const move = nextMove({
    workflow: wf,
    context: c.details,
    timers: c.deadlines.map((d) => ({ key: d.key, purpose: d.purpose, dueAt: new Date(d.dueAt), dueDate: d.dueDate })),
    names: { claimant: c.parties.claimant.name, respondent: c.parties.respondent.name, mediator: c.parties.mediator?.name ?? 'the mediator' },
    relation: c.yourPart,
    allowedEvents: c.allowedEvents,
  });
  const [mine] = move.yours;
  if (mine) return `You must ${mine.todo} by ${formatLongDate(mine.dueDate)}. If you do not, ${mine.ifNot}.`;
  const [theirs] = move.theirs;
  if (theirs) return `Waiting for ${joined(theirs.who)} to ${theirs.todo}, by ${formatLongDate(theirs.dueDate)}.`;
  return 'Nobody has to act by a deadline now. The case page shows what you may do.';
}
