import { dumpDatabase } from './support/database-dump';
import { expectProblem, fieldsOf } from './support/problem';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

/*
 * The Compact's calculators over HTTP (GET /api/v1/tools/notice and /consultation): public, the
 * answers for known dates (month ends, leap years, the clock change), the undertaking verbatim
 * from the Compact in force, and every unusable input a 400 problem naming its field.
 */
describe('the Compact’s calculators in the API', () => {
  let t: TestApp;
  let text45: string;
  let text24: string;

  beforeAll(async () => {
    t = await startTestApp();
    text45 = (await t.api.get('/api/v1/compact/undertakings/4.5')).body.text;
    text24 = (await t.api.get('/api/v1/compact/undertakings/2.4')).body.text;
  });

  afterAll(() => t?.close());

  const notice = (query: string, token?: string) => t.api.get(`/api/v1/tools/notice?${query}`, token);
  const consultation = (query: string, token?: string) => t.api.get(`/api/v1/tools/consultation?${query}`, token);

  describe('GET /api/v1/tools/notice (4.5)', () => {
    it('answers a short notice with the shortfall, the date notice was due, the undertaking verbatim and the words', async () => {
      const res = await notice('given=2026-12-01&ends=2027-01-31');
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        tool: 'notice',
        months: 3,
        given: '2026-12-01',
        ends: '2027-01-31',
        noticeDays: 61,
        earliestEnd: '2027-03-01',
        noticeDueBy: '2026-10-31',
        enough: false,
        shortfallDays: 29,
        undertaking: { id: '4.5', section: '4', binds: 'public-bodies', text: text45, unnumbered: false },
        explanation:
          'Notice given on Tuesday 1 December 2026 that funding ends on Sunday 31 January 2027 is 61 days’ notice. That is less than three months: ' +
          'three months from Tuesday 1 December 2026 is Monday 1 March 2027, so the notice is 29 days short. ' +
          'For funding to end on Sunday 31 January 2027, notice should have been given by Saturday 31 October 2026.',
        howCounted: expect.stringMatching(/^Months are counted as calendar months: three months from a date is the same day of the month three months later/),
        exception: expect.stringContaining('exceptional circumstances'),
      });
      expect(text45).toMatch(/^Give at least three months notice in writing/);
    });

    it.each([
      // given, ends, enough, shortfallDays, earliestEnd, noticeDueBy
      ['2026-06-15', '2026-09-15', true, 0, '2026-09-15', '2026-06-15'], // exactly three months
      ['2026-06-15', '2026-09-14', false, 1, '2026-09-15', '2026-06-14'], // a day less
      ['2027-01-31', '2027-04-30', true, 0, '2027-04-30', '2027-01-31'], // 31 Jan: April has no 31st
      ['2027-02-01', '2027-04-30', false, 1, '2027-05-01', '2027-01-31'], // 30 and 31 Jan both reach 30 Apr
      ['2026-11-30', '2027-02-28', true, 0, '2027-02-28', '2026-11-30'], // a common February
      ['2027-11-30', '2028-02-28', false, 1, '2028-02-29', '2027-11-28'], // a leap February
      ['2027-11-30', '2028-02-29', true, 0, '2028-02-29', '2027-11-30'],
      ['2026-01-10', '2026-04-09', false, 1, '2026-04-10', '2026-01-09'], // across the spring clock change
      ['2026-10-31', '2027-01-31', true, 0, '2027-01-31', '2026-10-31'], // across the year end
    ])('notice on %s of an end on %s: enough %s, %i days short', async (given, ends, enough, shortfallDays, earliestEnd, noticeDueBy) => {
      const res = await notice(`given=${given}&ends=${ends}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ given, ends, enough, shortfallDays, earliestEnd, noticeDueBy });
    });

    it('says how a month end was counted when the third month has no such day', async () => {
      const res = await notice('given=2026-11-30&ends=2027-01-15');
      expect(res.body.howCounted).toMatch(/Here February 2027 has no 30th, so three months from Monday 30 November 2026 is its last day, Sunday 28 February 2027\.$/);
      expect((await notice('given=2026-06-15&ends=2026-07-01')).body.howCounted).not.toMatch(/Here /);
    });

    it('answers notice and an end on the same day as no notice, not an error', async () => {
      const res = await notice('given=2026-06-15&ends=2026-06-15');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ noticeDays: 0, enough: false, shortfallDays: 92 });
      expect(res.body.explanation).toMatch(/is 0 days’ notice/);
    });
  });

  describe('GET /api/v1/tools/consultation (2.4)', () => {
    it('answers a short consultation with its length, the shortfall and the Compact’s exception', async () => {
      const res = await consultation('opens=2027-01-04&closes=2027-03-05');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        tool: 'consultation',
        weeks: 12,
        opens: '2027-01-04',
        closes: '2027-03-05',
        lengthDays: 60,
        earliestClose: '2027-03-29',
        enough: false,
        shortfallDays: 24,
        undertaking: { id: '2.4', section: '2', binds: 'public-bodies', text: text24, unnumbered: false },
        explanation:
          'A consultation that opens on Monday 4 January 2027 and closes on Friday 5 March 2027 runs for 60 days (8 weeks and 4 days). ' +
          'That is shorter than 12 weeks: 12 weeks from Monday 4 January 2027 is Monday 29 March 2027, so it is 24 days short.',
        howCounted: expect.stringContaining('12 weeks is 84 days'),
        exception: expect.stringContaining('A shorter time-frame can be used, but it needs clear explanations'),
      });
      expect(text24).toContain('with clear explanations for shorter time-frames');
    });

    it.each([
      ['2026-01-05', '2026-03-30', 84, true, 0], // a Monday to the Monday 12 weeks later
      ['2026-01-05', '2026-03-29', 83, false, 1],
      ['2028-02-01', '2028-04-25', 84, true, 0], // over a leap day
      ['2026-03-01', '2026-05-24', 84, true, 0], // over the clock change
      ['2026-09-01', '2026-09-01', 0, false, 84],
    ])('a consultation from %s to %s is %i days: enough %s, %i short', async (opens, closes, lengthDays, enough, shortfallDays) => {
      const res = await consultation(`opens=${opens}&closes=${closes}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ opens, closes, lengthDays, enough, shortfallDays });
    });
  });

  describe('public and read-only', () => {
    it('needs no token, ignores one that is not valid, and writes nothing (no throttle counter either)', async () => {
      const before = await dumpDatabase(t.dataSource);
      for (const token of [undefined, 'not-a-real-token-0123456789']) {
        expect((await notice('given=2026-12-01&ends=2027-01-31', token)).status).toBe(200);
        expect((await consultation('opens=2027-01-04&closes=2027-03-05', token)).status).toBe(200);
      }
      expect((await notice('given=2026-12-01', 'not-a-real-token-0123456789')).status).toBe(400);
      expect(await dumpDatabase(t.dataSource)).toEqual(before);
    });
  });

  describe('unusable input: 400 VALIDATION_FAILED naming the field, never a 500', () => {
    it.each([
      ['nothing', '', ['given', 'ends']],
      ['no end', 'given=2026-12-01', ['ends']],
      ['an empty date', 'given=&ends=2027-01-31', ['given']],
      ['a date that does not exist', 'given=2027-02-29&ends=2027-06-01', ['given']],
      ['the 31st of a 30-day month', 'given=2026-12-01&ends=2027-04-31', ['ends']],
      ['a British date', 'given=01/12/2026&ends=2027-01-31', ['given']],
      ['both dates wrong', 'given=tomorrow&ends=2027-13-01', ['given', 'ends']],
      ['an end before the notice', 'given=2026-12-01&ends=2026-11-30', ['ends']],
      ['a date given twice', 'given=2026-12-01&given=2026-12-02&ends=2027-01-31', ['given']],
      ['an unknown parameter', 'given=2026-12-01&ends=2027-01-31&months=1', ['months']],
      // Unknown parameters are refused before the dates are read.
      ['brackets', 'given[x]=1&ends=2027-01-31', ['given[x]']],
      ['a NUL', 'given=2026-12-01%00&ends=2027-01-31', ['given']],
      ['year 0', 'given=0000-01-01&ends=2027-01-31', ['given']],
      // The calendar's own edges: three months after 1 November 9999 is no date the calendar has.
      ['the calendar’s last year', 'given=9999-11-01&ends=9999-12-31', ['given', 'ends']],
      ['the calendar’s first year', 'given=0001-01-01&ends=0001-01-15', ['given', 'ends']],
      ['an end after the calculators’ range', 'given=2026-12-01&ends=9999-01-01', ['ends']],
    ])('notice: %s', async (_name, query, fields) => {
      const res = await notice(query);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res).sort()).toEqual([...fields].sort());
    });

    it('says which dates the calculators take, and the pages say it in words (400, not a 500)', async () => {
      expect((await notice('given=1899-12-31&ends=1900-01-15')).body.errors).toEqual([
        { field: 'given', message: 'given must be from 1900-01-01 to 9998-12-31, got "1899-12-31"' },
      ]);
      const page = await t.api.get('/tools/notice?given-day=1&given-month=11&given-year=9999&ends-day=31&ends-month=12&ends-year=9999');
      expect(page.status).toBe(400);
      expect(page.body).toContain('The date you were told must be between 1 January 1900 and 31 December 9998');
      expect(page.body).toContain('The date the funding changes or ends must be between 1 January 1900 and 31 December 9998');
      const shut = await t.api.get('/tools/consultation?opens-day=1&opens-month=12&opens-year=9999&closes-day=31&closes-month=12&closes-year=9999');
      expect(shut.status).toBe(400);
      expect(shut.body).toContain('The date the consultation opens must be between 1 January 1900 and 31 December 9998');
      // The raise journey leaves a question it cannot answer out, rather than failing.
      expect((await t.api.get('/cases/new?about=notice&given=9999-11-01&ends=9999-12-31')).status).toBeLessThan(500);
    });

    it('says which date is wrong and why, in the problem’s words', async () => {
      const res = await notice('given=2026-12-01&ends=2026-11-30');
      expect(res.body.errors).toEqual([{ field: 'ends', message: 'ends (2026-11-30) is before given (2026-12-01): the funding must end after the notice is given' }]);
      expect((await notice('ends=2027-02-30')).body.errors).toEqual([
        { field: 'given', message: 'given is required, written YYYY-MM-DD' },
        { field: 'ends', message: 'ends must be a real calendar date written YYYY-MM-DD, got "2027-02-30"' },
      ]);
    });

    it.each([
      ['nothing', '', ['opens', 'closes']],
      ['a close before the opening', 'opens=2027-01-04&closes=2027-01-03', ['closes']],
      ['a date that does not exist', 'opens=2027-02-29&closes=2027-05-01', ['opens']],
      ['the other tool’s parameters', 'given=2027-01-04&ends=2027-03-05', ['given', 'ends']],
      ['the calendar’s last month', 'opens=9999-12-01&closes=9999-12-31', ['opens', 'closes']],
      ['a close after the calculators’ range', 'opens=1900-01-01&closes=9999-12-31', ['closes']],
    ])('consultation: %s', async (_name, query, fields) => {
      const res = await consultation(query);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res).sort()).toEqual([...fields].sort());
    });
  });
});
