import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServerProcess } from './server-process';
import { ADMIN_TOKEN } from './test-app';

/** Several built servers (ROLE=all by default) on one database, each with its own port and mail folder. */
export class InstanceFleet {
  readonly instances: ServerProcess[] = [];
  readonly ports: number[] = [];
  private readonly mailDirs: string[] = [];

  static async start(size: number, databaseUrl: string, env: Record<string, string>): Promise<InstanceFleet> {
    const fleet = new InstanceFleet();
    for (let i = 0; i < size; i++) {
      const port = await freePort();
      const mailDir = mkdtempSync(join(tmpdir(), `compact-fleet-${i}-`));
      fleet.ports.push(port);
      fleet.mailDirs.push(mailDir);
      fleet.instances.push(new ServerProcess({ PORT: String(port), DATABASE_URL: databaseUrl, ADMIN_TOKEN, MAIL_DIR: mailDir, ...env }));
    }
    // The first migrates (under the advisory lock the others wait on), so start them together.
    await Promise.all(fleet.instances.map((s) => s.start(40_000)));
    return fleet;
  }

  /** The instance whose process this is, from the owner written on a timer claim (`host:pid:random`). */
  indexOfOwner(owner: string): number {
    return this.instances.findIndex((s) => s.pid !== null && owner.split(':')[1] === String(s.pid));
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((s) => s.kill()));
    for (const dir of this.mailDirs) rmSync(dir, { recursive: true, force: true });
  }
}
