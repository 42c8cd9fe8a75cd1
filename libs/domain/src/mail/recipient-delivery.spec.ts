import { giveUp, owedAddresses, recipientsOf, requeueFailed, settleAttempt } from './recipient-delivery';

const at = new Date('2026-12-01T10:00:00Z');
const first = { number: 1, maxAttempts: 3, at };

describe('recipientsOf', () => {
  it('owes the message to everyone in To and Cc, each address once', () => {
    const recipients = recipientsOf(['a@x.org', 'b@x.org'], ['c@x.org', 'A@x.org']);
    expect(recipients.map((r) => [r.address, r.field, r.status])).toEqual([
      ['a@x.org', 'to', 'pending'],
      ['b@x.org', 'to', 'pending'],
      ['c@x.org', 'cc', 'pending'],
    ]);
    expect(owedAddresses(recipients)).toEqual(['a@x.org', 'b@x.org', 'c@x.org']);
  });
});

describe('settleAttempt', () => {
  const three = recipientsOf(['a@x.org', 'b@x.org'], ['c@x.org']);

  it('is sent when every recipient is accepted', () => {
    const s = settleAttempt(three, { kind: 'answered', accepted: ['a@x.org', 'B@x.org', 'c@x.org'], refused: [] }, first);
    expect(s.status).toBe('sent');
    expect(s.delivered.map((r) => r.address)).toEqual(['a@x.org', 'b@x.org', 'c@x.org']);
    expect(s.lastError).toBeNull();
  });

  it('keeps a temporarily refused recipient owed, with the answer, and fails a permanently refused one at once', () => {
    const s = settleAttempt(
      three,
      {
        kind: 'answered',
        accepted: ['a@x.org'],
        refused: [
          { address: 'b@x.org', response: '450 Mailbox busy', permanent: false },
          { address: 'c@x.org', response: '550 No such user', permanent: true },
        ],
      },
      first,
    );
    expect(s.status).toBe('pending');
    expect(s.recipients.map((r) => [r.address, r.status, r.response])).toEqual([
      ['a@x.org', 'sent', null],
      ['b@x.org', 'pending', '450 Mailbox busy'],
      ['c@x.org', 'failed', '550 No such user'],
    ]);
    expect(s.delivered.map((r) => r.address)).toEqual(['a@x.org']);
    expect(s.failed.map((r) => r.address)).toEqual(['c@x.org']);
    expect(s.lastError).toBe('b@x.org: 450 Mailbox busy; c@x.org: 550 No such user');
    expect(owedAddresses(s.recipients)).toEqual(['b@x.org']);

    const retry = settleAttempt(s.recipients, { kind: 'answered', accepted: ['b@x.org'], refused: [] }, { ...first, number: 2 });
    expect(retry.status).toBe('failed');
    expect(retry.delivered.map((r) => r.address)).toEqual(['b@x.org']);
    expect(retry.failed).toEqual([]);
    expect(retry.lastError).toBe('550 No such user');
  });

  it('fails everyone owed at once when the whole message is refused permanently, and keeps them owed when temporarily', () => {
    const permanent = settleAttempt(three, { kind: 'failed', response: '554 Transaction failed', permanent: true }, first);
    expect(permanent.status).toBe('failed');
    expect(permanent.failed).toHaveLength(3);
    expect(permanent.lastError).toBe('554 Transaction failed');
    const temporary = settleAttempt(three, { kind: 'failed', response: 'Connection closed', permanent: false }, first);
    expect(temporary.status).toBe('pending');
    expect(temporary.failed).toEqual([]);
    expect(temporary.lastError).toBe('Connection closed');
  });

  it('gives up on whoever is still owed the message after the last attempt allowed', () => {
    const s = settleAttempt(
      three,
      { kind: 'answered', accepted: ['a@x.org', 'c@x.org'], refused: [{ address: 'b@x.org', response: '450 Mailbox busy', permanent: false }] },
      { number: 3, maxAttempts: 3, at },
    );
    expect(s.status).toBe('failed');
    expect(s.failed.map((r) => [r.address, r.response])).toEqual([['b@x.org', '450 Mailbox busy (gave up after 3 attempts)']]);
  });

  it('settles a message owed to nobody as sent', () => {
    expect(settleAttempt([], { kind: 'answered', accepted: [], refused: [] }, first)).toMatchObject({ status: 'sent', delivered: [], failed: [] });
  });

  it('leaves alone recipients already sent or failed', () => {
    const earlier = settleAttempt(three, { kind: 'answered', accepted: ['a@x.org'], refused: [{ address: 'c@x.org', response: '550 no', permanent: true }, { address: 'b@x.org', response: '451 later', permanent: false }] }, first);
    const s = settleAttempt(earlier.recipients, { kind: 'failed', response: '554 refused', permanent: true }, { ...first, number: 2 });
    expect(s.recipients.map((r) => [r.address, r.status, r.response])).toEqual([
      ['a@x.org', 'sent', null],
      ['b@x.org', 'failed', '554 refused'],
      ['c@x.org', 'failed', '550 no'],
    ]);
    expect(s.failed.map((r) => r.address)).toEqual(['b@x.org']);
  });
});

describe('giveUp and requeueFailed', () => {
  it('fails whoever is owed the message for the reason given, and a retry owes it again only to those who did not get it', () => {
    const partly = settleAttempt(recipientsOf(['a@x.org', 'b@x.org'], []), { kind: 'answered', accepted: ['a@x.org'], refused: [{ address: 'b@x.org', response: '451 later', permanent: false }] }, first);
    const given = giveUp(partly.recipients, 'The link expired', at);
    expect(given.status).toBe('failed');
    expect(given.lastError).toBe('The link expired');
    expect(given.failed.map((r) => [r.address, r.response])).toEqual([['b@x.org', 'The link expired']]);
    const again = requeueFailed(given.recipients);
    expect(again.map((r) => [r.address, r.status])).toEqual([
      ['a@x.org', 'sent'],
      ['b@x.org', 'pending'],
    ]);
    expect(owedAddresses(again)).toEqual(['b@x.org']);
  });
});
