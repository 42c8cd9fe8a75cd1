import { HeldMail } from '@compact/domain';
import { renderDigestMail } from './digest-mail';

const item = (over: Partial<HeldMail>): HeldMail => ({
  id: 'h1',
  userId: 'u1',
  caseId: 'c1',
  caseReference: 'SOUTHAMPTON-2027-0001',
  caseTitle: 'Grant ended early',
  kind: 'stage-change',
  summary: 'The case moved to mediation',
  detail: null,
  heldAt: new Date('2027-01-12T15:04:00Z'),
  dueAt: new Date('2027-01-13T08:00:00Z'),
  ...over,
});

describe('the daily summary email', () => {
  const mail = renderDigestMail({
    name: 'Pat Jones',
    publicUrl: 'https://disputes.example.org',
    held: [
      item({}),
      item({ id: 'h2', caseId: 'c2', caseReference: 'SOUTHAMPTON-2027-0002', caseTitle: 'Fees <raised>', summary: 'A case has been raised', detail: 'Case raised by Sam' }),
      item({ id: 'h3', summary: 'Mediation failed', heldAt: new Date('2027-07-12T09:30:00Z') }),
    ],
  });

  it('counts the updates and the cases', () => {
    expect(mail.subject).toBe('Your daily summary: 3 updates on 2 cases');
  });

  it('lists each case once, with what happened when (London time) and its link', () => {
    expect(mail.text).toContain(
      [
        'Case SOUTHAMPTON-2027-0001: Grant ended early',
        '- Tuesday 12 January 2027 at 15:04: The case moved to mediation',
        '- Monday 12 July 2027 at 10:30: Mediation failed',
        'Open the case: https://disputes.example.org/cases/c1',
      ].join('\n'),
    );
    expect(mail.text).toContain('Case SOUTHAMPTON-2027-0002: Fees <raised>\n- Tuesday 12 January 2027 at 15:04: A case has been raised\n  What happened: Case raised by Sam');
    expect(mail.text).toContain('Emails about deadlines you must meet, and sign-in links, still come to you at once.');
    expect(mail.text).toContain('https://disputes.example.org/account/email');
  });

  it('escapes what it quotes in HTML', () => {
    expect(mail.html).toContain('Fees &lt;raised&gt;');
    expect(mail.html).not.toContain('<raised>');
    expect(mail.html).toContain('<a href="https://disputes.example.org/cases/c2">Open case SOUTHAMPTON-2027-0002</a>');
  });
});
