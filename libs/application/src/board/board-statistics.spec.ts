import { raisedMonths } from './board-statistics';
import { caseRowCsv, CASE_ROWS_CSV_HEADER, CaseExportRow } from './case-rows-export';
import { raisedWindow } from './raised-window';

describe('raisedMonths: the months of the chart of cases raised', () => {
  const none = { raisedFrom: null, raisedTo: null };

  it('is the last 24 London months, this one last, each from its first to its last day', () => {
    const months = raisedMonths('2027-02-14', none);
    expect(months).toHaveLength(24);
    expect(months[0]).toEqual({ month: '2025-03', from: '2025-03-01', to: '2025-03-31' });
    expect(months[23]).toEqual({ month: '2027-02', from: '2027-02-01', to: '2027-02-28' });
    expect(months.find((m) => m.month === '2026-02')!.to).toBe('2026-02-28');
    expect(raisedMonths('2028-03-01', none).find((m) => m.month === '2028-02')!.to).toBe('2028-02-29');
  });

  it('ends with the range, starts no earlier than it, and cuts the months at its ends', () => {
    const months = raisedMonths('2027-02-14', { raisedFrom: '2026-05-15', raisedTo: '2026-08-10' });
    expect(months).toEqual([
      { month: '2026-05', from: '2026-05-15', to: '2026-05-31' },
      { month: '2026-06', from: '2026-06-01', to: '2026-06-30' },
      { month: '2026-07', from: '2026-07-01', to: '2026-07-31' },
      { month: '2026-08', from: '2026-08-01', to: '2026-08-10' },
    ]);
    // Long ago: 24 months ending with the range's; a range ending in the future ends this month.
    expect(raisedMonths('2027-02-14', { raisedFrom: null, raisedTo: '2020-01-31' }).at(-1)!.month).toBe('2020-01');
    expect(raisedMonths('2027-02-14', { raisedFrom: null, raisedTo: '2030-01-01' }).at(-1)).toEqual({ month: '2027-02', from: '2027-02-01', to: '2027-02-28' });
    expect(raisedMonths('2027-02-14', { raisedFrom: '2027-03-01', raisedTo: null })).toEqual([]);
  });
});

describe('raisedWindow: the instants of a range of London dates', () => {
  it('runs from London midnight on the first day to London midnight after the last, in winter and in summer time', () => {
    expect(raisedWindow({ raisedFrom: '2026-01-10', raisedTo: '2026-07-01' })).toEqual({
      from: new Date('2026-01-10T00:00:00Z'),
      to: new Date('2026-07-01T23:00:00Z'),
    });
    expect(raisedWindow({})).toBeNull();
    expect(raisedWindow({ raisedTo: '2026-03-28' })!.to).toEqual(new Date('2026-03-29T00:00:00Z'));
  });

  it('refuses what is not a real date, and an end before the start, naming the field', () => {
    expect(() => raisedWindow({ raisedFrom: '2026-02-30' })).toThrow(expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'raisedFrom' })] } }));
    expect(() => raisedWindow({ raisedFrom: '2026-03-02', raisedTo: '2026-03-01' })).toThrow(
      expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'raisedTo' })] } }),
    );
  });
});

describe('the one-row-per-case CSV', () => {
  const row: CaseExportRow = {
    reference: 'SOUTHAMPTON-2026-0001',
    title: '=HYPERLINK("http://evil.example")',
    kind: 'breach',
    workflow: 'compact-dispute/v2',
    claimant: '@Hope "Community" Trust',
    respondent: 'Southampton City Council',
    mediator: '',
    undertakings: ['4.5', '3.11a'],
    undertakingTexts: ['4.5 Give notice.', '3.11a Demonstrate.'],
    stage: 'Negotiation',
    status: 'Negotiation: in discussion',
    raisedOn: '2026-12-01',
    resolvedOn: null,
    resolvedStage: null,
    outcome: 'monitoring',
    deadlinesMet: 2,
    deadlinesMissed: 1,
  };

  it('starts with a byte order mark and its header', () => {
    expect(CASE_ROWS_CSV_HEADER.startsWith('\uFEFFreference,title,kind,')).toBe(true);
    expect(CASE_ROWS_CSV_HEADER.endsWith('deadlines_met,deadlines_missed\r\n')).toBe(true);
  });

  it('quotes every cell and neutralises a leading formula character', () => {
    const line = caseRowCsv(row);
    expect(line).toBe(
      [
        '"SOUTHAMPTON-2026-0001"', `"'=HYPERLINK(""http://evil.example"")"`, '"breach"', '"compact-dispute/v2"', `"'@Hope ""Community"" Trust"`,
        '"Southampton City Council"', '""', '"4.5; 3.11a"', '"4.5 Give notice.\n3.11a Demonstrate."', '"Negotiation"', '"Negotiation: in discussion"',
        '"2026-12-01"', '""', '""', '"Agreement being carried out"', '"2"', '"1"',
      ].join(',') + '\r\n',
    );
    for (const lead of ['+', '-']) expect(caseRowCsv({ ...row, title: `${lead}1` })).toContain(`"'${lead}1"`);
  });
});
