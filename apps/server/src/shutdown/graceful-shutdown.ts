import type { Server } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';
import { BackgroundWorkers } from '../workers/background-workers';
import { DrainState } from './drain-state';

export interface ShutdownLimits {
  /** SHUTDOWN_TIMEOUT_MS: past it the process exits anyway, with status 1. */
  timeoutMs: number;
  /** SHUTDOWN_NOTICE_MS: how long connections are still accepted after /health turned 503. */
  noticeMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A graceful shutdown in bounded time. At once: /health answers 503 (draining) and every response
 * closes its connection, and the pollers claim no more timers or mail. After the notice (0 by
 * default) the listener closes, so new connections are refused; in-flight requests and the work
 * already claimed finish, the timer claims left are freed, and the database pool closes
 * (`app.close()` runs every shutdown hook). Then `exit(0)`; past `timeoutMs`, `exit(1)` anyway,
 * logging what was cut short.
 */
export async function drainAndExit(app: INestApplication, limits: ShutdownLimits, reason: string, exit: (code: number) => void): Promise<void> {
  const logger = new Logger('Shutdown');
  const drain = app.get(DrainState);
  const workers = app.get(BackgroundWorkers);
  const server = app.getHttpServer() as Server;
  const stage = { http: 'open', workers: 'finishing claimed work', database: 'open' };
  const hardStop = setTimeout(() => {
    const requests = drain.describeInFlight();
    const pollers = workers.busyPollers();
    logger.error(
      `Not drained within SHUTDOWN_TIMEOUT_MS=${limits.timeoutMs}: exiting anyway. Cut short: ` +
        `${requests.length} request(s) in flight${requests.length > 0 ? ` [${requests.join('; ')}]` : ''}; ` +
        `pollers still running: ${pollers.length > 0 ? pollers.join(', ') : 'none'} (their claims run out by themselves); ` +
        `HTTP ${stage.http}, workers ${stage.workers}, database pool ${stage.database}`,
    );
    exit(1);
  }, limits.timeoutMs);

  drain.draining = true;
  logger.log(
    `${reason}: draining (at most ${limits.timeoutMs} ms): /health answers 503, no new timers or mail are claimed` +
      (limits.noticeMs > 0 ? `; new connections are refused in ${limits.noticeMs} ms` : '; new connections are refused'),
  );
  const workersDone = workers.drain().then(() => (stage.workers = 'stopped'));
  const httpClosed = (async () => {
    await sleep(limits.noticeMs);
    drain.refusing = true;
    stage.http = `closing (${drain.inFlightCount} request(s) in flight)`;
    // Stops accepting connections, closes the idle ones; those in use close after their response (Connection: close).
    await new Promise<void>((resolve) => server.close(() => resolve()));
    stage.http = 'closed';
  })();
  try {
    await Promise.all([workersDone, httpClosed]);
    stage.database = 'closing';
    await app.close();
    stage.database = 'closed';
  } catch (error) {
    clearTimeout(hardStop);
    logger.error(`Shutdown failed: ${(error as Error).stack ?? String(error)}`);
    exit(1);
    return;
  }
  clearTimeout(hardStop);
  logger.log('Drained: every request answered, claimed work finished, database pool closed');
  exit(0);
}

/**
 * SIGTERM (from an orchestrator) drains with the configured notice; SIGINT (Ctrl-C in a terminal)
 * drains without it, and a second Ctrl-C exits at once (status 1). A repeated SIGTERM changes nothing.
 */
export function exitGracefullyOnSignals(app: INestApplication, limits: ShutdownLimits, exit: (code: number) => void = (code) => process.exit(code)): void {
  let draining = false;
  const on = (signal: NodeJS.Signals, noticeMs: number) =>
    process.on(signal, () => {
      if (draining) {
        if (signal === 'SIGTERM') return new Logger('Shutdown').log('SIGTERM again: still draining');
        new Logger('Shutdown').warn(`${signal} while draining: exiting at once`);
        return exit(1);
      }
      draining = true;
      void drainAndExit(app, { ...limits, noticeMs }, signal, exit);
    });
  on('SIGTERM', limits.noticeMs);
  on('SIGINT', 0);
}
