import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DispatchOutboxUseCase, FireDueTimersUseCase } from '@compact/application';
import { PollingLoop } from './polling-loop';

export const RUN_WORKERS = Symbol('RUN_WORKERS');

/**
 * In single-node mode the server also runs the timer poller (due deadlines fire on start, then
 * every TIMER_POLL_INTERVAL_MS) and the mail dispatcher (every OUTBOX_POLL_INTERVAL_MS), which
 * first takes back the sends a crash of this instance cut short.
 */
@Injectable()
export class BackgroundWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loops: PollingLoop[] = [];

  constructor(
    @Inject(RUN_WORKERS) private readonly enabled: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timers: FireDueTimersUseCase,
    private readonly outbox: DispatchOutboxUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    // Before the first poll: mail this instance was sending when it stopped goes out again at once.
    await this.outbox.recoverInterruptedSends();
    // Timers claimed by a poll that stopped are free at once, not when their claim runs out.
    await this.timers.releaseAllClaims();
    this.loops.push(
      new PollingLoop(new Logger('Timers'), this.config.timerPollIntervalMs, async () => {
        const report = await this.timers.runOnce();
        return report.fired + report.reminded + report.stale >= this.config.timerBatchSize;
      }),
      new PollingLoop(new Logger('Mail'), this.config.outboxPollIntervalMs, async () => {
        const report = await this.outbox.runOnce();
        return report.sent + report.retrying + report.failed > 0;
      }),
    );
    this.loops.forEach((loop) => loop.start());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }
}
