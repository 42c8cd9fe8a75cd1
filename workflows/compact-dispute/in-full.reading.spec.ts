import { agreementInFull, proposalInFull } from './in-full.reading';

const names = { claimant: 'Hope Community Trust', respondent: 'Southampton City Council', mediator: 'Compact Voice' };
const action = {
  id: 'a1',
  party: 'respondent' as const,
  action: 'Publish the reviewed notice policy.',
  due: { on: '2027-01-29' },
  status: 'open' as const,
  overdue: false,
  doneAt: null,
  doneNote: null,
  confirmedAt: null,
  confirmedBy: null,
};
const agreement = { via: 'mediation', summary: 'A review of the policy.', at: '2026-12-01T10:00:00.000Z', actions: [action] };
const noTimer = () => null;

describe('the proposal and agreement in full (case page)', () => {
  it('names who proposed, what is offered and who must answer', () => {
    const [block] = proposalInFull({ by: 'claimant', text: 'Restore the grant.', at: '2026-12-01T10:00:00.000Z' }, names);
    expect(block.rows.map((r) => `${r.key}: ${r.value}`)).toEqual([
      'Proposed by: Hope Community Trust, on Tuesday 1 December 2026',
      'Proposal: Restore the grant.',
      'Must be answered by: Southampton City Council',
    ]);
    expect(proposalInFull(null, names)).toEqual([]);
  });

  it('gives each action its pending due date, else the agreed one, and where it stands', () => {
    const open = agreementInFull(agreement, null, names, (key) => (key === 'action.due/a1' ? '2027-02-05' : null))[0];
    expect(open.heading).toBe('Agreement');
    expect(open.rows[0].value).toBe('in mediation, on Tuesday 1 December 2026');
    expect(open.rows[2].value).toBe('Southampton City Council: Publish the reviewed notice policy. (by Friday 5 February 2027). Not done yet.');
    const overdue = agreementInFull({ ...agreement, actions: [{ ...action, overdue: true }] }, null, names, noTimer)[0];
    expect(overdue.rows[2].value).toBe('Southampton City Council: Publish the reviewed notice policy. (by Friday 29 January 2027). Not done, and its date has passed.');
    const byService = { ...action, status: 'confirmed' as const, doneAt: '2027-01-04T09:00:00Z', confirmedAt: '2027-01-19T00:00:00Z', confirmedBy: 'system' as const };
    expect(agreementInFull({ ...agreement, actions: [byService] }, null, names, noTimer)[0].rows[2].value).toContain(
      'Done, counted as confirmed on Tuesday 19 January 2027 (no answer in time)',
    );
  });

  it('says an agreement was reported not kept, and about which action, only when the report is later than it', () => {
    const report = { actionId: 'a1', whatHappened: 'Nothing was published.', at: '2027-02-10T10:00:00.000Z' };
    const broken = agreementInFull(agreement, report, names, noTimer)[0];
    expect(broken.heading).toBe('Agreement reported not kept');
    expect(broken.rows[2]).toEqual({ key: 'Reported not kept', value: 'On Wednesday 10 February 2027, about action 1: Nothing was published.' });
    const earlier = { ...report, at: '2026-11-20T10:00:00.000Z' };
    expect(agreementInFull(agreement, earlier, names, noTimer)[0].heading).toBe('Agreement');
  });
});
