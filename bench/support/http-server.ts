/*
 * The application under test for bench/http-events.bench.ts, run in a child process of its own so
 * that the load generator does not share its event loop: the real createApp() on a fresh SQLite
 * file (test/support's startTestApp), plus the bench-only NoopModule, listening on 127.0.0.1.
 * Talks to the parent over IPC: sends { kind: 'ready', ... }; answers 'stats' and 'stop'.
 */
import './aliases';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/server/src/app.module';
import { breachOf45, seedParties } from '../../test/support/parties.fixture';
import { startTestApp } from '../../test/support/test-app';
import { NoopModule } from './noop.module';

/**
 * createApp() builds AppModule.forRoot(options) itself; wrap that factory so the module it returns
 * also imports NoopModule. Everything else (middleware, guard, pipe, filter) is the product's.
 */
function addNoopRoutes(): void {
  const forRoot = AppModule.forRoot.bind(AppModule);
  AppModule.forRoot = (options) => {
    const mod = forRoot(options);
    return { ...mod, imports: [...(mod.imports ?? []), NoopModule] };
  };
}

async function main(): Promise<void> {
  const caseCount = Number(process.argv[2] ?? 300);
  addNoopRoutes();
  // As `npm start` runs it: the timer poller and the mail dispatcher work in the same process.
  const t = await startTestApp({ workers: true });
  const p = await seedParties(t.api);
  const cases: string[] = [];
  for (let i = 0; i < caseCount; i++) {
    const res = await t.api.post('/api/v1/cases', breachOf45(p, { title: `Funding ended without notice (${i})` }), p.vcs.token);
    if (res.status !== 201) throw new Error(`raise failed: ${res.status} ${JSON.stringify(res.body)}`);
    cases.push(res.body.id);
  }
  const dataSource = t.app.get(DataSource);
  const count = async (table: string) => Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  process.on('message', async (msg: { kind: string; id?: number }) => {
    if (msg.kind === 'cpu') {
      process.send!({ kind: 'cpu', id: msg.id, cpu: process.cpuUsage() });
    } else if (msg.kind === 'stats') {
      process.send!({ kind: 'stats', id: msg.id, memory: process.memoryUsage(), auditRows: await count('audit_entries') });
    } else if (msg.kind === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ kind: 'gc', id: msg.id, memory: process.memoryUsage() });
    } else if (msg.kind === 'stop') {
      await t.close();
      process.exit(0);
    }
  });
  process.send!({
    kind: 'ready',
    baseUrl: t.baseUrl,
    cases,
    tokens: { claimant: p.vcs.token, respondent: p.council.token },
    auditRows: await count('audit_entries'),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
