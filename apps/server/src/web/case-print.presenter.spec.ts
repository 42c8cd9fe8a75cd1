import { londonDateTimeText } from './case-print.presenter';

describe('londonDateTimeText', () => {
  it('says a moment in London time, GOV.UK style: the hour alone when on the hour, am and pm in lower case, midday in words', () => {
    expect(londonDateTimeText(new Date('2026-12-01T10:00:00Z'))).toBe('Tuesday 1 December 2026 at 10am');
    expect(londonDateTimeText(new Date('2026-12-01T14:05:00Z'))).toBe('Tuesday 1 December 2026 at 2:05pm');
    expect(londonDateTimeText(new Date('2026-12-01T12:00:00Z'))).toBe('Tuesday 1 December 2026 at midday');
  });

  it('keeps to summer time, an hour ahead of UTC, and to the London day near midnight', () => {
    expect(londonDateTimeText(new Date('2027-06-15T13:05:00Z'))).toBe('Tuesday 15 June 2027 at 2:05pm');
    expect(londonDateTimeText(new Date('2027-06-15T23:30:00Z'))).toBe('Wednesday 16 June 2027 at 12:30am');
    expect(londonDateTimeText(new Date('2027-01-15T00:30:00Z'))).toBe('Friday 15 January 2027 at 12:30am');
    expect(londonDateTimeText(new Date('2027-06-15T23:00:00Z'))).toBe('Wednesday 16 June 2027 at midnight');
  });
});
