import {
  CalculatorInputError,
  checkCalculatorDate,
  checkConsultation,
  checkNotice,
  ConsultationResult,
  CONSULTATION_WEEKS,
  NoticeResult,
  NOTICE_MONTHS,
} from '@compact/calendar';
import { CompactIndex, DomainError, FieldError, Undertaking } from '@compact/domain';
import {
  CONSULTATION_COUNTING,
  CONSULTATION_EXCEPTION,
  consultationExplanation,
  NOTICE_EXCEPTION,
  noticeCounting,
  noticeExplanation,
} from './calculator-wording';

/** The undertakings the calculators check: 4.5 (three months' notice of a funding change), 2.4 (12-week consultations). */
export const NOTICE_UNDERTAKING = '4.5';
export const CONSULTATION_UNDERTAKING = '2.4';

export type CalculatorTool = 'notice' | 'consultation';
export const CALCULATOR_TOOLS: readonly CalculatorTool[] = ['notice', 'consultation'];

/** What a person asked a calculator: the tool and its two dates, as given (checked when answered). */
export type CalculatorQuestion = { tool: 'notice'; given: unknown; ends: unknown } | { tool: 'consultation'; opens: unknown; closes: unknown };

interface Words {
  /** The undertaking, verbatim from the Compact in force (null if that Compact has no such undertaking). */
  undertaking: Undertaking | null;
  /** The answer in plain words, with the dates. */
  explanation: string;
  /** How the period is counted. */
  howCounted: string;
  /** What the undertaking allows instead (less notice in exceptional circumstances; a shorter consultation with clear explanations). */
  exception: string;
}

export type NoticeAnswer = { tool: 'notice'; months: number } & NoticeResult & Words;
export type ConsultationAnswer = { tool: 'consultation'; weeks: number } & ConsultationResult & Words;
export type CalculatorAnswer = NoticeAnswer | ConsultationAnswer;

/**
 * Runs a calculator, refusing what it cannot use with VALIDATION_FAILED naming each field: every
 * date that is missing or not a real date, or else the second date when it comes before the first.
 * `prefix` is put before the field names (e.g. 'calculator.' inside a larger request).
 */
function run<T>(fields: Array<[string, unknown]>, compute: () => T, prefix: string): T {
  const errors: FieldError[] = [];
  for (const [field, value] of fields) {
    try {
      checkCalculatorDate(value, field);
    } catch (error) {
      if (!(error instanceof CalculatorInputError)) throw error;
      errors.push({ field: `${prefix}${error.field}`, message: error.message });
    }
  }
  if (errors.length === 0) {
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof CalculatorInputError)) throw error;
      errors.push({ field: `${prefix}${error.field}`, message: error.message });
    }
  }
  throw DomainError.validation(errors);
}

export function answerNotice(compact: CompactIndex, given: unknown, ends: unknown, prefix = ''): NoticeAnswer {
  const result = run([['given', given], ['ends', ends]], () => checkNotice(given, ends), prefix);
  return {
    tool: 'notice',
    months: NOTICE_MONTHS,
    ...result,
    undertaking: compact.find(NOTICE_UNDERTAKING) ?? null,
    explanation: noticeExplanation(result),
    howCounted: noticeCounting(result),
    exception: NOTICE_EXCEPTION,
  };
}

export function answerConsultation(compact: CompactIndex, opens: unknown, closes: unknown, prefix = ''): ConsultationAnswer {
  const result = run([['opens', opens], ['closes', closes]], () => checkConsultation(opens, closes), prefix);
  return {
    tool: 'consultation',
    weeks: CONSULTATION_WEEKS,
    ...result,
    undertaking: compact.find(CONSULTATION_UNDERTAKING) ?? null,
    explanation: consultationExplanation(result),
    howCounted: CONSULTATION_COUNTING,
    exception: CONSULTATION_EXCEPTION,
  };
}

export function answer(compact: CompactIndex, question: CalculatorQuestion, prefix = ''): CalculatorAnswer {
  return question.tool === 'notice'
    ? answerNotice(compact, question.given, question.ends, prefix)
    : answerConsultation(compact, question.opens, question.closes, prefix);
}

/** The undertaking a calculator checks. */
export const undertakingOf = (tool: CalculatorTool) => (tool === 'notice' ? NOTICE_UNDERTAKING : CONSULTATION_UNDERTAKING);

/**
 * The calculator's result as a case records it in its first audit entry (CASE_RAISED): the tool,
 * the undertaking, the dates and what the calculator found, worked out here on the server from
 * the dates alone.
 */
export type CalculatorEvidence = { undertaking: string; result: Record<string, number | string | boolean>; explanation: string } & (
  | { tool: 'notice'; given: string; ends: string }
  | { tool: 'consultation'; opens: string; closes: string }
);

export function evidenceOf(a: CalculatorAnswer): CalculatorEvidence {
  if (a.tool === 'notice') {
    return {
      tool: 'notice',
      undertaking: NOTICE_UNDERTAKING,
      given: a.given,
      ends: a.ends,
      result: { enough: a.enough, noticeDays: a.noticeDays, shortfallDays: a.shortfallDays, earliestEnd: a.earliestEnd, noticeDueBy: a.noticeDueBy },
      explanation: a.explanation,
    };
  }
  return {
    tool: 'consultation',
    undertaking: CONSULTATION_UNDERTAKING,
    opens: a.opens,
    closes: a.closes,
    result: { enough: a.enough, lengthDays: a.lengthDays, shortfallDays: a.shortfallDays, earliestClose: a.earliestClose },
    explanation: a.explanation,
  };
}
