import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { AppConfig, Clock, loadCompact, loadConfig } from '@compact/application';
import { MailTransport } from '@compact/mail';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/server/src/create-app';
import { ApiClient } from './api-client';
import { createTestDatabase, TestDatabase } from './test-database';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  api: ApiClient;
  baseUrl: string;
  db: TestDatabase;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  db?: TestDatabase;
  /** Run the background timer poller and mail dispatcher (default false: tests drive them; with ROLE in env, as ROLE says). */
  workers?: boolean;
  mailTransport?: MailTransport;
}

/** The real application on a real database, listening on a loopback port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const mailDir = mkdtempSync(join(tmpdir(), 'compact-mail-'));
  const config = loadConfig({ DATABASE_URL: db.url, ADMIN_TOKEN, PORT: '3000', MAIL_DIR: mailDir, ...options.env });
  const compact = loadCompact(config.compactFile);
  const app = await createApp({
    config,
    compact,
    clock: options.clock,
    mailTransport: options.mailTransport,
    // Tests drive the pollers themselves, unless they set ROLE (to see what it runs) or ask for them.
    workers: options.workers ?? (options.env?.ROLE ? undefined : false),
    logger: ['error'],
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    api: new ApiClient(baseUrl),
    baseUrl,
    db,
    config,
    dataSource: app.get(DataSource),
    async close() {
      await app.close();
      if (!options.db) await db.drop();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
