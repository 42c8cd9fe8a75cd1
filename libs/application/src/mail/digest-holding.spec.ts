import { heldMailOf, MailReader, splitForDigest } from './digest-holding';

const claimant: MailReader = { userId: 'u1', email: 'one@example.org', part: 'claimant' };
const claimantColleague: MailReader = { userId: 'u2', email: 'two@example.org', part: 'claimant' };
const respondent: MailReader = { userId: 'u3', email: 'three@example.org', part: 'respondent' };
const mediator: MailReader = { userId: 'u5', email: 'five@example.org', part: 'mediator' };

describe('which case emails a daily summary holds', () => {
  it('holds nothing for those on every email', () => {
    expect(splitForDigest({ to: [claimant, respondent], cc: [mediator] }, [], new Set())).toEqual({
      to: ['one@example.org', 'three@example.org'],
      cc: ['five@example.org'],
      held: [],
    });
  });

  it('holds the email of a reader on the summary unless their part must meet a deadline it is about', () => {
    const daily = new Set(['u1', 'u3']);
    expect(splitForDigest({ to: [claimant, claimantColleague, respondent], cc: [] }, ['respondent'], daily)).toEqual({
      to: ['two@example.org', 'three@example.org'],
      cc: [],
      held: [claimant],
    });
    expect(splitForDigest({ to: [claimant], cc: [mediator] }, ['claimant'], new Set(['u1', 'u5']))).toEqual({ to: ['one@example.org'], cc: [], held: [mediator] });
  });

  it('sends the copy as To when everyone in To has it held, and nothing when nobody is left', () => {
    expect(splitForDigest({ to: [claimant], cc: [mediator] }, [], new Set(['u1']))).toEqual({ to: ['five@example.org'], cc: [], held: [claimant] });
    expect(splitForDigest({ to: [claimant], cc: [] }, [], new Set(['u1']))).toEqual({ to: [], cc: [], held: [claimant] });
  });

  it('lists each address once', () => {
    expect(splitForDigest({ to: [claimant, claimant], cc: [claimant] }, [], new Set())).toEqual({ to: ['one@example.org'], cc: [], held: [] });
  });

  it('keeps the case, the subject and what happened, due at the next digest hour', () => {
    const [held] = heldMailOf(
      [claimant],
      {
        record: { id: 'c1', reference: 'SOUTHAMPTON-2027-0001', title: 'Grant ended early' },
        kind: 'stage-change',
        subject: 'The case moved to mediation',
        blocks: [{ facts: [['What happened', 'Refer to mediation, by Hope Community Trust']] }],
        at: new Date('2027-01-12T15:00:00Z'),
      },
      8,
    );
    expect(held).toMatchObject({
      userId: 'u1',
      caseId: 'c1',
      caseReference: 'SOUTHAMPTON-2027-0001',
      summary: 'The case moved to mediation',
      detail: 'Refer to mediation, by Hope Community Trust',
      dueAt: new Date('2027-01-13T08:00:00Z'),
    });
  });
});
