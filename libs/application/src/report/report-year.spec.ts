import { DomainError, ErrorCode } from '@compact/domain';
import { parseReportYear, reportYearRange } from './report-year';

const now = new Date();
const thisYear = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric' }).format(now));
const yearsAgo = (n: number) => new Date(Date.UTC(thisYear - n, 5, 1));

function refusal(input: unknown, firstCaseAt: Date | null = yearsAgo(3)): DomainError {
  try {
    parseReportYear(input, { now, firstCaseAt });
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`${String(input)} was accepted`);
}

describe('parseReportYear', () => {
  it('takes this year when none is given, and any year from the first case’s to this one', () => {
    expect(parseReportYear(undefined, { now, firstCaseAt: yearsAgo(3) })).toBe(thisYear);
    expect(parseReportYear('', { now, firstCaseAt: null })).toBe(thisYear);
    expect(parseReportYear(String(thisYear - 3), { now, firstCaseAt: yearsAgo(3) })).toBe(thisYear - 3);
    expect(parseReportYear(thisYear, { now, firstCaseAt: yearsAgo(3) })).toBe(thisYear);
  });

  it.each([['abcd'], ['20'], ['020255'], [' 2025'], ['2025.0'], [['2025', '2024']], [{}]])('refuses %p: not 4 digits', (input) => {
    const e = refusal(input);
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.details.errors).toEqual([{ field: 'year', message: expect.stringContaining('4 digits') }]);
  });

  it('refuses a year after this one and a year before the first case', () => {
    expect(refusal(String(thisYear + 1)).message).toBe(`There is no report for ${thisYear + 1} yet: the latest is for ${thisYear}`);
    expect(refusal(String(thisYear - 4)).message).toContain(`the first is for ${thisYear - 3}`);
    expect(refusal('1999', null).code).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it('offers only this year before any case, and never a year before 2000', () => {
    expect(reportYearRange({ now, firstCaseAt: null })).toEqual({ first: thisYear, last: thisYear });
    expect(reportYearRange({ now, firstCaseAt: new Date('1990-01-01T00:00:00Z') }).first).toBe(2000);
  });

  it('counts years in London: a case raised at 00:30 on 1 January London time is of the new year', () => {
    const firstCaseAt = new Date(`${thisYear}-01-01T00:30:00Z`); // GMT in winter: London is UTC
    expect(reportYearRange({ now, firstCaseAt }).first).toBe(thisYear);
  });
});
