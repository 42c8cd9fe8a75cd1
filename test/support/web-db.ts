import { BackgroundTasks, Clock } from '@compact/application';
import { dumpDatabase } from './database-dump';
import { ADMIN_TOKEN, TestApp } from './test-app';

/**
 * Every row of the database once the work a request left running has ended (a sign-in link is
 * written after the answer) and the mail in flight has been handed over (no message pending or
 * being sent): the background dispatcher is then idle, so two such dumps differ only by what the
 * test itself caused.
 */
export async function settledDump(t: TestApp, timeoutMs = 30_000): Promise<string> {
  await t.app.get(BackgroundTasks).idle();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [waiting, sending] = await Promise.all(
      ['pending', 'sending'].map(async (status) => (await t.api.get(`/api/v1/outbox?status=${status}&limit=100`, ADMIN_TOKEN)).body.items as any[]),
    );
    // A message waiting to be retried later on the app's clock cannot change while that clock
    // stands still (a test that moves it dumps again after), so it does not keep the dump unsettled.
    const now = t.app.get(Clock).now().getTime();
    const pending = waiting.filter((m) => !m.nextAttemptAt || new Date(m.nextAttemptAt).getTime() <= now);
    if (pending.length + sending.length === 0) return dumpDatabase(t.dataSource);
    if (Date.now() > deadline) throw new Error(`the outbox did not settle: ${pending.length ? 'some' : 'none'} pending, ${sending.length ? 'some' : 'none'} sending`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The tables whose rows differ between two dumps (empty when nothing was written). */
export function changedTables(before: string, after: string): string[] {
  const rows = (dump: string) => new Map(dump.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line] as const));
  const a = rows(before);
  const b = rows(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((table) => a.get(table) !== b.get(table)).sort();
}
