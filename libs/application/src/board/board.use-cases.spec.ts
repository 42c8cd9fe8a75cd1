import { AuditEntry } from '@compact/domain';
import { compactDisputeV1, compactDisputeV2 } from '@compact/workflows';
import { countedDeadlineLabels } from '../cases/case-summary';
import { CaseHistoryExport, historiesToCsv, versionOfEntries } from './case-histories-export';

const entry = (seq: number, eventType: string, toState: string, payload: Record<string, unknown> = {}): AuditEntry => ({
  caseId: 'c1',
  seq,
  at: `2026-12-0${seq}T10:00:00.000Z`,
  actor: { type: 'system' },
  eventType,
  fromState: seq === 1 ? null : 'x',
  toState,
  payload,
  prevHash: String(seq - 1).repeat(64).slice(0, 64),
  hash: String(seq).repeat(64).slice(0, 64),
});

const exported = (history: AuditEntry[], version = 2): CaseHistoryExport => ({
  id: 'c1',
  reference: 'SC-2026-0001',
  title: 'T',
  kind: 'breach',
  workflow: { name: 'compact-dispute', version },
  state: history[history.length - 1].toState,
  claimantOrganisationId: 'o1',
  respondentOrganisationId: 'o2',
  undertakings: ['4.5'],
  verification: { valid: true, entries: history.length },
  history,
});

describe('the board’s history export across workflow versions', () => {
  const migrated = [
    entry(1, 'CASE_RAISED', 'raised.awaitingAcknowledgement', { workflow: 'compact-dispute/v1' }),
    entry(2, 'ACKNOWLEDGE', 'negotiation.discussing'),
    entry(3, 'WORKFLOW_MIGRATED', 'negotiation.discussing', { from: 'compact-dispute/v1', to: 'compact-dispute/v2' }),
    entry(4, 'ADD_NOTE', 'negotiation.discussing'),
  ];

  it('names, for each entry, the version it was recorded under: raised on v1, v2 from the migration on', () => {
    expect(versionOfEntries(exported(migrated))).toEqual(['compact-dispute/v1', 'compact-dispute/v1', 'compact-dispute/v2', 'compact-dispute/v2']);
  });

  it('reads a trail that did not record the version it was raised on from its first migration, or else from the case', () => {
    const [, ...rest] = migrated;
    const legacy = [entry(1, 'CASE_RAISED', 'raised.awaitingAcknowledgement'), ...rest];
    expect(versionOfEntries(exported(legacy))).toEqual(['compact-dispute/v1', 'compact-dispute/v1', 'compact-dispute/v2', 'compact-dispute/v2']);
    expect(versionOfEntries(exported(legacy.slice(0, 2), 1))).toEqual(['compact-dispute/v1', 'compact-dispute/v1']);
  });

  it('writes the version as the last CSV column, after the columns it had before', () => {
    const lines = historiesToCsv([exported(migrated)]).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(-2)).toEqual(['chain_valid', 'workflow']);
    expect(lines.slice(1).map((l) => l.split(',').slice(-1)[0])).toEqual(['"compact-dispute/v1"', '"compact-dispute/v1"', '"compact-dispute/v2"', '"compact-dispute/v2"']);
  });
});

describe('countedDeadlineLabels: what the board’s deadlines met and missed are', () => {
  it('covers every installed version once each, periods and reminders left out', () => {
    const v1 = ['The respondent acknowledges the case', 'The other party answers the proposal', 'The mediator accepts or declines the referral'];
    expect(countedDeadlineLabels([compactDisputeV1])).toEqual(v1);
    // v2's agreed actions too; not the negotiation period (it simply runs out) nor the time-limit reminders.
    expect(countedDeadlineLabels([compactDisputeV2, compactDisputeV1])).toEqual([
      ...v1,
      'An agreed action is due',
      'The other party confirms an action was done (or it counts as confirmed)',
    ]);
  });
});
