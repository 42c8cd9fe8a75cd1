import { CASE_OUTCOMES, CaseOutcome } from '@compact/domain';
import { checkedAnswers } from './feedback-answers';
import { endsCase, stageEndedFrom } from './feedback-invitation-planner';
import { feedbackTokenHash, newFeedbackToken } from './feedback-token';

const as = (outcome: CaseOutcome) => ({ outcome });

describe('when feedback is asked for', () => {
  it('is when a case first becomes resolved, withdrawn or closed, never while an agreement is followed up', () => {
    expect(CASE_OUTCOMES.filter((after) => endsCase(as('open'), as(after)))).toEqual(['resolved', 'withdrawn', 'closed']);
    expect(endsCase(as('monitoring'), as('resolved'))).toBe(true);
    expect(endsCase(as('open'), as('monitoring'))).toBe(false);
    expect(endsCase(as('resolved'), as('closed'))).toBe(false);
    expect(endsCase(as('withdrawn'), as('closed'))).toBe(false);
  });

  it('records the stage the summary resolved it at, or else the top-level stage the ending change left', () => {
    expect(stageEndedFrom({ resolvedStage: 'alpha' }, 'beta.gamma')).toBe('alpha');
    expect(stageEndedFrom({ resolvedStage: null }, 'beta.gamma.delta')).toBe('beta');
    expect(stageEndedFrom({ resolvedStage: null }, null)).toBeNull();
  });
});

describe('feedback tokens and answers', () => {
  it('makes a fresh 256-bit token each time, stored only as its sha256', () => {
    const a = newFeedbackToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newFeedbackToken()).not.toBe(a);
    expect(feedbackTokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(feedbackTokenHash(a)).not.toContain(a);
  });

  it('accepts scales 1–5, a yes or no and an optional comment (trimmed; blank is none), and refuses the rest all at once', () => {
    expect(checkedAnswers({ fair: 1, understood: 5, timely: 3, useAgain: false, comment: '  ' })).toEqual({ fair: 1, understood: 5, timely: 3, useAgain: false, comment: null });
    expect(checkedAnswers({ fair: 2, understood: 2, timely: 2, useAgain: true, comment: ' ok ' }).comment).toBe('ok');
    let refused: unknown = null;
    try {
      checkedAnswers({ fair: 0, understood: 6, timely: 2.5, useAgain: 'yes' as unknown as boolean, comment: 'x'.repeat(2001) });
    } catch (error) {
      refused = error;
    }
    expect((refused as { details: { errors: Array<{ field: string }> } }).details.errors.map((e) => e.field)).toEqual(['fair', 'understood', 'timely', 'useAgain', 'comment']);
  });
});
