import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const SERVER_MAIN = join(ROOT, 'dist', 'apps', 'server', 'apps', 'server', 'src', 'main.js');
/** The flags `npm start` runs the service with (scripts/server-node-flags.js). */
export const SERVER_NODE_FLAGS: string[] = require(fromRepository(join('scripts', 'server-node-flags.js')));

/** A file of the repository, found upwards from here (this file also runs from the bench build, under dist/bench). */
function fromRepository(file: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, file))) return join(dir, file);
    if (dirname(dir) === dir) throw new Error(`${file} is not in any folder above ${__dirname}`);
  }
}

/**
 * The environment a child process of a test starts from: PATH, plus whatever moves the clock of
 * the test run (libfaketime's LD_PRELOAD and FAKETIME settings), so that the child and the test
 * agree on the time. Nothing else leaks in from the developer's shell.
 */
export function childEnv(env: Record<string, string> = {}): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && (entry[0] === 'PATH' || entry[0] === 'LD_PRELOAD' || entry[0].startsWith('FAKETIME')),
  );
  return { ...Object.fromEntries(inherited), ...env };
}

/** Builds the server and CLI if sources changed (the same step `npm start` runs). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The built service as a child process, the way `npm start` runs it. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private exit: Promise<ProcessExit> = Promise.resolve({ code: null, signal: null });
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  /** The process id while it runs (part of the instance name its timer claims carry). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal without waiting; `exited()` tells how the process ended. */
  send(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** How the current (or last) process ended, once it has. */
  exited(): Promise<ProcessExit> {
    return this.exit;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(timeoutMs = 20_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_MAIN], { cwd: ROOT, env: childEnv(this.env) });
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy:\n${this.output}`);
  }

  /** Kills the process without any chance to clean up, as a power cut or OOM kill would. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** Asks the process to shut down gracefully. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    await this.exit;
    this.child = null;
  }
}
