import { pastTenseLabel, pastTenseOf } from './past-tense';

describe('past tense of action labels', () => {
  it.each([
    ['Propose a resolution', 'proposed a resolution'],
    ['Acknowledge the case', 'acknowledged the case'],
    ['Add a note', 'added a note'],
    ['Withdraw the case', 'withdrew the case'],
    ['Refer to a mediator', 'referred to a mediator'],
    ['Reject the proposal', 'rejected the proposal'],
    ['Declare negotiation failed', 'declared negotiation failed'],
    ['Ask for more time', 'asked for more time'],
    ['Agree to more time', 'agreed to more time'],
    ['Record that mediation failed', 'recorded that mediation failed'],
    ['Escalate to a formal mechanism', 'escalated to a formal mechanism'],
    ['Confirm an action was done', 'confirmed an action was done'],
  ])('%s → %s', (label, past) => {
    expect(pastTenseLabel(label)).toBe(past);
  });

  it('keeps a label that does not start with a verb it knows', () => {
    expect(pastTenseLabel('Deadline')).toBeNull();
    expect(pastTenseLabel('Acknowledgement deadline passed')).toBeNull();
  });

  it('follows the spelling rules', () => {
    expect(pastTenseOf('reply')).toBe('replied');
    expect(pastTenseOf('submit')).toBe('submitted');
    expect(pastTenseOf('close')).toBe('closed');
  });
});
