import { connect } from 'node:net';
import { Client } from 'pg';

/** Opens a TCP connection to the port and closes it: 'accepted', or the error code (ECONNREFUSED when nothing listens). */
export function probeConnection(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Waits until some statement in the database waits for a lock (a request blocked on a row the test holds). */
export async function untilWaitingForLock(admin: Client, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const rows = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows.rowCount! > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no statement came to wait for the lock');
}
