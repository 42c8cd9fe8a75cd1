import { DomainError, FEEDBACK_COMMENT_MAX_LENGTH, FeedbackAnswers, FieldError } from '@compact/domain';

/** The five questions, as the form, the board and the published figures word them. */
export const FEEDBACK_QUESTIONS = {
  fair: 'Were you treated fairly?',
  understood: 'Did you understand what was happening at each stage?',
  timely: 'Was it dealt with in good time?',
  useAgain: 'Would you use this route again?',
  comment: 'Is there anything else you would like to tell us about how the case was handled?',
} as const;

/** What the scale's ends mean. */
export const FEEDBACK_SCALE = { 1: 'Not at all', 5: 'Completely' } as const;

/** Checks answers once more where they enter the application (the page checks them first): scales 1–5, a yes or no, a short optional comment. */
export function checkedAnswers(answers: FeedbackAnswers): FeedbackAnswers {
  const errors: FieldError[] = [];
  for (const key of ['fair', 'understood', 'timely'] as const) {
    if (!Number.isInteger(answers[key]) || answers[key] < 1 || answers[key] > 5) errors.push({ field: key, message: 'must be a whole number from 1 to 5' });
  }
  if (typeof answers.useAgain !== 'boolean') errors.push({ field: 'useAgain', message: 'must be yes or no' });
  const comment = typeof answers.comment === 'string' ? answers.comment.trim() : null;
  if (answers.comment !== null && typeof answers.comment !== 'string') errors.push({ field: 'comment', message: 'must be text' });
  if (comment && comment.length > FEEDBACK_COMMENT_MAX_LENGTH) {
    errors.push({ field: 'comment', message: `must be ${FEEDBACK_COMMENT_MAX_LENGTH} characters or fewer` });
  }
  if (errors.length > 0) throw DomainError.validation(errors);
  return { fair: answers.fair, understood: answers.understood, timely: answers.timely, useAgain: answers.useAgain, comment: comment || null };
}
