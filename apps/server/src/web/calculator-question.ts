import { answer, CalculatorAnswer, CalculatorQuestion } from '@compact/application';
import { CompactIndex, DomainError, ErrorCode } from '@compact/domain';

/**
 * "Raise a case about this": the calculator a case comes from travels through the raise journey
 * (sign-in, choosing the respondent, the form) as four plain fields, `about` and its two dates,
 * never as a result. The server works the result out again wherever it is shown or recorded.
 */
const DATE_NAMES = { notice: ['given', 'ends'], consultation: ['opens', 'closes'] } as const;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The question in a query string or form, or null when there is none (an unknown `about` is none). */
export function calculatorQuestionOf(source: Record<string, unknown>): CalculatorQuestion | null {
  const about = text(source.about);
  if (about === 'notice') return { tool: 'notice', given: text(source.given), ends: text(source.ends) };
  if (about === 'consultation') return { tool: 'consultation', opens: text(source.opens), closes: text(source.closes) };
  return null;
}

/** The question an answer is the answer to (its dates, checked). */
export function questionOf(a: CalculatorAnswer): CalculatorQuestion {
  return a.tool === 'notice' ? { tool: 'notice', given: a.given, ends: a.ends } : { tool: 'consultation', opens: a.opens, closes: a.closes };
}

/** The fields that carry a question, for hidden inputs and links. */
export function questionFields(q: CalculatorQuestion): Array<{ name: string; value: string }> {
  const values = q as unknown as Record<string, unknown>;
  return [{ name: 'about', value: q.tool }, ...DATE_NAMES[q.tool].map((name) => ({ name, value: String(values[name]) }))];
}

/** Where "Raise a case about this" goes: the raise journey, carrying the question. */
export function raiseHref(q: CalculatorQuestion): string {
  return `/cases/new?${new URLSearchParams(questionFields(q).map((f): [string, string] => [f.name, f.value])).toString()}`;
}

/** The answer to a question the journey carried, or null when its dates cannot be used (it is then left out). */
export function answerOrNull(compact: CompactIndex, q: CalculatorQuestion | null): CalculatorAnswer | null {
  if (!q) return null;
  try {
    return answer(compact, q);
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.VALIDATION_FAILED) return null;
    throw error;
  }
}
