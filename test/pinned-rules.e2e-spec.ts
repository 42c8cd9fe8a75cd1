import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { ManualClock } from './support/manual-clock';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/*
 * A case keeps the rules it was raised under: a later change of the Compact file's deadline
 * lengths, of CALENDAR_CLOSURES or of WORKFLOW_DEFAULT (the service restarted with them) changes
 * the rules of new cases only. A running case changes its rules only by an audited migration.
 */
describe('the rules a case was raised under', () => {
  let db: TestDatabase;
  let dir: string;
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z')); // Tuesday

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'compact-pinned-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const dueOf = (view: any, key: string) => view.deadlines.find((d: any) => d.key === key)?.dueDate;

  it('never change when the Compact file, the calendar or the default workflow change; new cases take the new ones', async () => {
    // Before: the Compact file's defaults (10 working days to answer a proposal), no closures, v2.
    let t: TestApp = await startTestApp({ clock, db });
    const p: Parties = await seedParties(t.api);
    const running = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body;
    expect(running.workflow).toEqual({ name: 'compact-dispute', version: 2 });
    expect(running.rules.deadlines.proposalResponseWorkingDays).toBe(10);
    expect(running.rules.calendar).toMatchObject({ closures: [], id: 'england-and-wales/date-holidays@3.37.0/closures:none' });
    await t.close();

    // After: a revised Compact file (3 working days), a closure on the next three working days, v1 by default.
    const compact = JSON.parse(readFileSync(join(__dirname, '..', 'compacts', 'southampton.json'), 'utf8'));
    compact.deadlines = { proposalResponseWorkingDays: 3, acknowledgementWorkingDays: 2 };
    const file = join(dir, 'revised.json');
    writeFileSync(file, JSON.stringify(compact));
    const closures = '2026-12-02,2026-12-03,2026-12-04';
    t = await startTestApp({ clock, db, env: { COMPACT_FILE: file, CALENDAR_CLOSURES: closures, WORKFLOW_DEFAULT: 'compact-dispute/v1' } });
    try {
      expect((await t.api.event(running.id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
      const proposed = (await t.api.event(running.id, { type: 'PROPOSE_RESOLUTION', proposal: 'Funding to March.' }, p.vcs.token)).body;
      const original = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
      expect(proposed.workflow).toEqual({ name: 'compact-dispute', version: 2 });
      expect(proposed.rules).toEqual(running.rules);
      // 10 working days from Tuesday 1 December on the calendar it was raised on, not 3 on the new one.
      expect(dueOf(proposed, 'deadline.proposal')).toBe(original.deadlineFromDate('2026-12-01', { kind: 'working-days', days: 10 }).dueDate);
      expect(dueOf(proposed, 'deadline.proposal')).toBe('2026-12-15');

      const fresh = (await t.api.post('/api/v1/cases', breachOf45(p, { title: 'A later case' }), p.vcs.token)).body;
      expect(fresh.workflow).toEqual({ name: 'compact-dispute', version: 1 });
      expect(fresh.rules.deadlines).toMatchObject({ proposalResponseWorkingDays: 3, acknowledgementWorkingDays: 2 });
      expect(fresh.rules.calendar.closures).toEqual(closures.split(','));
      // 2 working days on the new calendar: Wednesday to Friday are closed, so Monday 7 and Tuesday 8 December.
      expect(dueOf(fresh, 'deadline.acknowledgement')).toBe('2026-12-08');
      const history = (await t.api.get(`/api/v1/cases/${fresh.id}/history`, p.vcs.token)).body.entries;
      expect(history[0].payload.rules).toEqual(fresh.rules);
    } finally {
      await t.close();
    }
  });
});
