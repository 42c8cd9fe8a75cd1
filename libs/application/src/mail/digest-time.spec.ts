import { digestHourInWords, londonHourOn, nextDigestAt } from './digest-time';

describe('the daily digest time', () => {
  it('is the hour in London: GMT in winter, BST in summer', () => {
    expect(londonHourOn('2027-01-12', 8).toISOString()).toBe('2027-01-12T08:00:00.000Z');
    expect(londonHourOn('2027-07-12', 8).toISOString()).toBe('2027-07-12T07:00:00.000Z');
  });

  it('keeps to the London hour on the days the clocks change', () => {
    // Clocks go forward at 01:00 GMT on 28 March 2027 and back at 01:00 GMT on 31 October 2027.
    expect(londonHourOn('2027-03-28', 8).toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(londonHourOn('2027-10-31', 8).toISOString()).toBe('2027-10-31T08:00:00.000Z');
    expect(londonHourOn('2027-03-28', 0).toISOString()).toBe('2027-03-28T00:00:00.000Z');
    expect(londonHourOn('2027-10-31', 0).toISOString()).toBe('2027-10-30T23:00:00.000Z');
  });

  it('is later the same day when the hour is still to come, otherwise the next day', () => {
    expect(nextDigestAt(new Date('2027-01-12T07:59:59Z'), 8).toISOString()).toBe('2027-01-12T08:00:00.000Z');
    expect(nextDigestAt(new Date('2027-01-12T08:00:00Z'), 8).toISOString()).toBe('2027-01-13T08:00:00.000Z');
    expect(nextDigestAt(new Date('2027-01-12T15:00:00Z'), 8).toISOString()).toBe('2027-01-13T08:00:00.000Z');
    // 23:30 UTC on 11 July is 00:30 BST on 12 July: the digest is that morning.
    expect(nextDigestAt(new Date('2027-07-11T23:30:00Z'), 8).toISOString()).toBe('2027-07-12T07:00:00.000Z');
    expect(nextDigestAt(new Date('2027-12-31T20:00:00Z'), 8).toISOString()).toBe('2028-01-01T08:00:00.000Z');
  });

  it('says the hour in words', () => {
    expect([0, 8, 12, 18].map(digestHourInWords)).toEqual(['midnight', '8am', 'midday', '6pm']);
  });
});
