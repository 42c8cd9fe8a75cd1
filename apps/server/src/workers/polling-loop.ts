import { Logger } from '@nestjs/common';

/**
 * Calls `tick` now and then every `intervalMs`, never two at once; when a tick reports that it
 * filled its batch, the next one runs straight away. `stop()` takes effect at once for what comes
 * next (a running tick sees `stopping()` answer true, so it can finish what it has claimed and
 * claim no more) and resolves when the running tick has finished.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  private readonly logger: Logger;

  constructor(
    readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: (stopping: () => boolean) => Promise<boolean>,
  ) {
    this.logger = new Logger(name);
  }

  /** Whether a tick is running now (what a shutdown cut short, when it could not wait for it). */
  get busy(): boolean {
    return this.running !== null;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick(() => this.stopped)
        .catch((error) => {
          this.logger.error(`poll failed: ${(error as Error).stack ?? error}`);
          return false;
        })
        .then((more) => {
          this.running = null;
          this.schedule(more ? 0 : this.intervalMs);
        });
    }, delay);
    this.timer.unref?.();
  }
}
