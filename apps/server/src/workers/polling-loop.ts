import { Logger } from '@nestjs/common';

/**
 * Calls `tick` now and then every `intervalMs`, never two at once; when a tick reports that it
 * filled its batch, the next one runs straight away. `stop()` waits for a running tick to finish.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<boolean>,
  ) {}

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
      this.running = this.tick()
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
