import { CalculatorQuestion } from '@compact/application';
import { LocalDate } from '@compact/calendar';
import { checkCitations, checkSides, CompactIndex, CompactSide } from '@compact/domain';
import { calculatorQuestionOf, questionFields } from './calculator-question';
import { DateBoxes, dateBoxesOf, readDate } from './date-input';
import { FormError } from './page';

/**
 * The raise journey's answers, one question a page. They travel from page to page as hidden
 * fields of each form (with the form token), so the journey needs no JavaScript and no draft
 * stored anywhere; the last page raises the case with all of them, checked again by the use case.
 */
export const RAISE_STEPS = ['respondent', 'kind', 'undertakings', 'details', 'outcome', 'aware'] as const;
export type RaiseStep = (typeof RAISE_STEPS)[number];
export const isRaiseStep = (s: unknown): s is RaiseStep => typeof s === 'string' && (RAISE_STEPS as readonly string[]).includes(s);

export interface RaiseAnswers {
  respondent: string;
  kind: string;
  undertakings: string[];
  title: string;
  summary: string;
  desiredOutcome: string;
  aware: DateBoxes;
  decision: DateBoxes;
  calculator: CalculatorQuestion | null;
}

/** Which answers each page asks for (the rest are carried as hidden fields). */
const FIELDS_OF: Record<RaiseStep, string[]> = {
  respondent: ['respondent'],
  kind: ['kind'],
  undertakings: ['undertakings'],
  details: ['title', 'summary'],
  outcome: ['desiredOutcome'],
  aware: ['becameAwareOn-day', 'becameAwareOn-month', 'becameAwareOn-year', 'decisionDate-day', 'decisionDate-month', 'decisionDate-year'],
};

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => ([] as unknown[]).concat(v ?? []).map(str).filter(Boolean);

export function answersOf(body: Record<string, unknown>): RaiseAnswers {
  return {
    respondent: str(body.respondent),
    kind: str(body.kind),
    undertakings: [...new Set(list(body.undertakings))],
    title: str(body.title),
    summary: str(body.summary),
    desiredOutcome: str(body.desiredOutcome),
    aware: dateBoxesOf(body, 'becameAwareOn'),
    decision: dateBoxesOf(body, 'decisionDate'),
    calculator: calculatorQuestionOf(body),
  };
}

/** Every answer as form fields (name, value), in a stable order. */
export function fieldsOf(a: RaiseAnswers): Array<{ name: string; value: string }> {
  const dates = (name: string, b: DateBoxes) => (['day', 'month', 'year'] as const).map((p) => ({ name: `${name}-${p}`, value: b[p] }));
  return [
    { name: 'respondent', value: a.respondent },
    { name: 'kind', value: a.kind },
    ...a.undertakings.map((value) => ({ name: 'undertakings', value })),
    { name: 'title', value: a.title },
    { name: 'summary', value: a.summary },
    { name: 'desiredOutcome', value: a.desiredOutcome },
    ...dates('becameAwareOn', a.aware),
    ...dates('decisionDate', a.decision),
    ...(a.calculator ? questionFields(a.calculator) : []),
  ].filter((f) => f.value !== '');
}

/** The hidden fields of a page: every answer but those the page asks for. */
export const carriedFields = (a: RaiseAnswers, step: RaiseStep | 'check') =>
  fieldsOf(a).filter((f) => step === 'check' || !FIELDS_OF[step].includes(f.name));

/** What the journey knows of the two sides when it checks a page. */
export interface RaiseSides {
  compact: CompactIndex;
  claimantSide: CompactSide | null;
  /** Null when the chosen respondent is not one the person may raise a case against. */
  respondentSide: CompactSide | null;
  today: LocalDate;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sideWords = (side: CompactSide) => (side === 'vcs' ? 'voluntary and community organisations' : 'public bodies and agencies');

/** Every problem of one page, at once, in GOV.UK wording; each links to its field. */
export function problemsOf(step: RaiseStep, a: RaiseAnswers, sides: RaiseSides): FormError[] {
  const errors: FormError[] = [];
  const { respondentSide } = sides;
  switch (step) {
    case 'respondent':
      if (!respondentSide) errors.push({ text: 'Choose the organisation the case is against', href: '#respondent' });
      break;
    case 'kind':
      if (a.kind !== 'breach' && a.kind !== 'disagreement') errors.push({ text: 'Choose whether it is a breach of an undertaking or a disagreement', href: '#kind' });
      else if (respondentSide) errors.push(...checkSides(a.kind, sides.claimantSide, respondentSide).map((e) => ({ text: capital(e.message), href: '#kind' })));
      break;
    case 'undertakings':
      if (a.kind === 'breach' && a.undertakings.length === 0 && respondentSide) {
        errors.push({ text: `Choose at least one undertaking that binds ${sideWords(respondentSide)}`, href: '#undertakings' });
      } else if (respondentSide) {
        const kind = a.kind === 'breach' ? 'breach' : 'disagreement';
        errors.push(...checkCitations(sides.compact, kind, respondentSide, a.undertakings).map((e) => ({ text: capital(e.message), href: '#undertakings' })));
      }
      break;
    case 'details':
      if (!a.title) errors.push({ text: 'Enter a title', href: '#title' });
      else if (a.title.length > 200) errors.push({ text: 'Title must be 200 characters or fewer', href: '#title' });
      if (!a.summary) errors.push({ text: 'Enter what happened', href: '#summary' });
      else if (a.summary.length > 10000) errors.push({ text: 'What happened must be 10,000 characters or fewer', href: '#summary' });
      break;
    case 'outcome':
      if (a.desiredOutcome.length > 5000) errors.push({ text: 'What you want to happen must be 5,000 characters or fewer', href: '#desiredOutcome' });
      break;
    case 'aware': {
      const aware = readDate(a.aware, { missing: 'Enter the date you became aware of the matter', subject: 'The date you became aware of the matter' });
      if (aware.date === null) errors.push({ text: aware.message, href: `#becameAwareOn-${aware.parts[0]}` });
      else if (aware.date > sides.today) errors.push({ text: 'The date you became aware of the matter must be today or in the past', href: '#becameAwareOn-day' });
      const hasDecision = Object.values(a.decision).some(Boolean);
      if (hasDecision) {
        const decision = readDate(a.decision, { missing: '', subject: 'The date of the decision' });
        if (decision.date === null) errors.push({ text: decision.message, href: `#decisionDate-${decision.parts[0]}` });
        else if (decision.date > sides.today) errors.push({ text: 'The date of the decision must be today or in the past', href: '#decisionDate-day' });
      }
      break;
    }
  }
  return errors;
}

/** The first page with a problem (the check page raises only when there is none), or null. */
export function firstUnanswered(a: RaiseAnswers, sides: RaiseSides): RaiseStep | null {
  return RAISE_STEPS.find((s) => problemsOf(s, a, sides).length > 0) ?? null;
}

/** The page after `step`; from a Change link, back to check answers unless a later page now needs an answer. */
export function nextStep(step: RaiseStep, a: RaiseAnswers, sides: RaiseSides, returning: boolean): RaiseStep | 'check' {
  const later = RAISE_STEPS.slice(RAISE_STEPS.indexOf(step) + 1);
  if (returning) return later.find((s) => problemsOf(s, a, sides).length > 0) ?? 'check';
  return later[0] ?? 'check';
}

export const previousStep = (step: RaiseStep): RaiseStep | null => RAISE_STEPS[RAISE_STEPS.indexOf(step) - 1] ?? null;

/** The date of a page's three boxes as YYYY-MM-DD, once they hold a real one. */
export const dateOfBoxes = (b: DateBoxes): LocalDate | null => (Object.values(b).some(Boolean) ? readDate(b, { missing: '', subject: '' }).date : null);
