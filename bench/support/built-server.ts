/*
 * The built service as a child process, started the way `npm start` starts it (node, its
 * flags, dist/apps/server/…/main.js), for the benches that measure the real server from outside: its
 * own process, so its CPU time and memory can be read from /proc. (test/support/server-process.ts
 * does the same for the tests, but finds the build relative to its own file, which in the bench
 * build is under dist/bench.)
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './aliases';

export const SERVER_MAIN = join(REPO_ROOT, 'dist', 'apps', 'server', 'apps', 'server', 'src', 'main.js');
/** The flags `npm start` runs the service with (scripts/server-node-flags.js). */
const SERVER_NODE_FLAGS: string[] = require(join(REPO_ROOT, 'scripts', 'server-node-flags.js'));

/** Builds the server if its sources changed (the step `npm start` runs first). */
export function ensureServerBuilt(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'ensure-built.js')], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export class BuiltServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  output = '';

  /** `env` is the whole environment of the child, plus PATH. */
  constructor(private readonly env: Record<string, string>) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error('the server is not running');
    return this.child.pid;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_MAIN], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...this.env } });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    // Keep only the end of the output (for an error message); a long run must not grow it without bound.
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM (the graceful shutdown), then SIGKILL if it has not ended within `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }
}
