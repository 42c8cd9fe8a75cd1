import { randomUUID } from 'node:crypto';
import { addDays, toLondonDate } from '@compact/calendar';
import { HeldMail, Store } from '@compact/domain';
import { ManualClock } from './support/manual-clock';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DIALECT } from './support/test-database';

/*
 * The email choices and held mail on the real database, through the store (no HTTP but for the
 * seeding): the default choice, who takes a digest, what falls due, and the claim on a person
 * that keeps two polls from composing the same digest.
 */
describe('mail digests in the database', () => {
  const clock = new ManualClock(new Date(Date.now() + 86_400_000));
  let t: TestApp;
  let p: Parties;
  let store: Store;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    p = await seedParties(t.api);
    store = t.app.get(Store);
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p, { becameAwareOn: addDays(toLondonDate(clock.now()), -3) }), p.vcs.token)).body.id;
  });
  afterAll(() => t.close());
  it('has a case to hold mail about', () => expect(caseId).toEqual(expect.any(String)));

  const held = (userId: string, heldAt: Date, dueAt: Date, summary: string): HeldMail => ({
    id: randomUUID(),
    userId,
    caseId,
    caseReference: 'REF-1',
    caseTitle: 'A case',
    kind: 'stage-change',
    summary,
    detail: null,
    heldAt,
    dueAt,
  });

  it('gives every email to whoever never chose, and records a choice once made', async () => {
    expect(await store.read((r) => r.digests.frequencyOf(p.vcs.userId))).toBe('every');
    await store.write((r) => r.digests.setFrequency(p.vcs.userId, 'daily', clock.now()));
    await store.write((r) => r.digests.setFrequency(p.council.userId, 'daily', clock.now()));
    await store.write((r) => r.digests.setFrequency(p.council.userId, 'every', clock.now()));
    expect(await store.read((r) => r.digests.frequencyOf(p.vcs.userId))).toBe('daily');
    expect(await store.read((r) => r.digests.dailyReaders([p.vcs.userId, p.council.userId, p.mediator.userId]))).toEqual([p.vcs.userId]);
  });

  it('gives up only what is due, oldest first, once', async () => {
    const now = clock.now();
    const hour = 3_600_000;
    await store.write((r) =>
      r.digests.hold([
        held(p.vcs.userId, new Date(now.getTime() - hour), new Date(now.getTime() - 1), 'second'),
        held(p.vcs.userId, new Date(now.getTime() - 2 * hour), new Date(now.getTime() - 1), 'first'),
        held(p.vcs.userId, now, new Date(now.getTime() + hour), 'later'),
      ]),
    );
    expect(await store.read((r) => r.digests.heldFor(p.vcs.userId))).toEqual({ count: 3, dueAt: new Date(now.getTime() - 1) });
    expect(await store.read((r) => r.digests.dueReaders(now, 10))).toEqual([p.vcs.userId]);
    const taken = await store.write((r) => r.digests.takeDue(p.vcs.userId, now));
    expect(taken.map((m) => m.summary)).toEqual(['first', 'second']);
    expect(await store.write((r) => r.digests.takeDue(p.vcs.userId, now))).toEqual([]);
    expect(await store.read((r) => r.digests.dueReaders(now, 10))).toEqual([]);
    // Choosing every email again makes what is left due now.
    expect(await store.write((r) => r.digests.releaseHeld(p.vcs.userId, now))).toBe(1);
    expect((await store.write((r) => r.digests.takeDue(p.vcs.userId, now))).map((m) => m.summary)).toEqual(['later']);
  });

  it('refuses a choice the service does not offer', async () => {
    const sql = TEST_DIALECT === 'postgres' ? 'INSERT INTO mail_preferences (user_id, frequency, updated_at) VALUES ($1, $2, 0)' : 'INSERT INTO mail_preferences (user_id, frequency, updated_at) VALUES (?, ?, 0)';
    await expect(t.dataSource.query(sql, [p.mediator.userId, 'weekly'])).rejects.toThrow(/check|constraint/i);
  });

  (TEST_DIALECT === 'postgres' ? it : it.skip)('lets one poll at a time hold a person: another passes over them without waiting', async () => {
    const seenByOther = await store.write(async (r) => {
      expect(await r.digests.lockReader(p.vcs.userId)).toBe(true);
      // Another instance's poll, on its own connection, while this transaction holds the person.
      return store.write((other) => other.digests.lockReader(p.vcs.userId));
    });
    expect(seenByOther).toBe(false);
    expect(await store.write((r) => r.digests.lockReader(p.vcs.userId))).toBe(true);
  });
});
