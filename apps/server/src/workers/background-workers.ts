import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DispatchOutboxUseCase, FireDueTimersUseCase, PurgePendingDocumentsUseCase } from '@compact/application';
import { PollingLoop } from './polling-loop';

export const RUN_WORKERS = Symbol('RUN_WORKERS');

/** How often documents no event cited within a day are looked for (and removed). */
const DOCUMENT_PURGE_INTERVAL_MS = 15 * 60_000;

/**
 * In single-node mode the server also runs the timer poller (due deadlines fire on start, then
 * every TIMER_POLL_INTERVAL_MS) and the mail dispatcher (every OUTBOX_POLL_INTERVAL_MS), which
 * first takes back the sends a crash of this instance cut short, and removes the documents no
 * event cited within a day (every 15 minutes). `drain()` (SIGTERM) stops them
 * claiming work, waits for the work they have claimed, and frees the timer claims left.
 */
@Injectable()
export class BackgroundWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private readonly loops: PollingLoop[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    @Inject(RUN_WORKERS) private readonly enabled: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timers: FireDueTimersUseCase,
    private readonly outbox: DispatchOutboxUseCase,
    private readonly documents: PurgePendingDocumentsUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    // Before the first poll: mail this instance was sending when it stopped goes out again at once.
    await this.outbox.recoverInterruptedSends();
    // Timers claimed by a poll that stopped are free at once, not when their claim runs out.
    await this.timers.releaseAllClaims();
    this.loops.push(
      new PollingLoop('Timers', this.config.timerPollIntervalMs, async (stopping) => {
        const report = await this.timers.runOnce(stopping);
        return report.fired + report.reminded + report.stale >= this.config.timerBatchSize;
      }),
      new PollingLoop('Mail', this.config.outboxPollIntervalMs, async (stopping) => {
        const report = await this.outbox.runOnce(undefined, stopping);
        return report.sent + report.retrying + report.failed > 0;
      }),
      new PollingLoop('Documents', DOCUMENT_PURGE_INTERVAL_MS, async () => {
        await this.documents.runOnce();
        return false;
      }),
    );
    this.loops.forEach((loop) => loop.start());
  }

  /** The pollers still finishing claimed work (what a shutdown past its time limit cut short). */
  busyPollers(): string[] {
    return this.loops.filter((loop) => loop.busy).map((loop) => loop.name);
  }

  /** Stops claiming timers and mail, lets the claimed work finish, then frees this instance's remaining timer claims. Idempotent. */
  drain(): Promise<void> {
    this.draining ??= (async () => {
      if (this.loops.length === 0) return;
      await Promise.all(this.loops.map((loop) => loop.stop()));
      const released = await this.timers.releaseOwnClaims();
      if (released > 0) this.logger.log(`Released ${released} timer claim(s) for other instances`);
    })();
    return this.draining;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }
}
