/*
 * The parent's handle on bench/support/smtp-sink.ts (the SMTP receiver in its own process).
 */
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { SinkStats } from './smtp-sink';
import { REPO_ROOT } from './aliases';

export type { SinkStats };

export class SmtpSinkProcess {
  private seq = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(execArgv: string[] = []): Promise<SmtpSinkProcess> {
    const child = fork(join(__dirname, 'smtp-sink.js'), [], { cwd: REPO_ROOT, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the SMTP receiver exited with ${code} before it was ready`));
      child.once('exit', onExit);
      child.once('message', (msg: { kind: string; url: string }) => {
        child.off('exit', onExit);
        resolve(new SmtpSinkProcess(child, msg.url));
      });
    });
  }

  private request<T>(kind: string, pick: (msg: Record<string, unknown>) => T): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      const onMessage = (msg: Record<string, unknown>) => {
        if (msg.id !== id) return;
        this.child.off('message', onMessage);
        resolve(pick(msg));
      };
      this.child.on('message', onMessage);
      this.child.send({ kind, id });
    });
  }

  stats(): Promise<SinkStats> {
    return this.request('stats', (m) => m.stats as SinkStats);
  }

  /** Every distinct Message-ID received since the last reset. */
  ids(): Promise<string[]> {
    return this.request('ids', (m) => m.ids as string[]);
  }

  reset(): Promise<void> {
    return this.request('reset', () => undefined);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ kind: 'stop' });
    });
  }
}
