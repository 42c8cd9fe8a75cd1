import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadCompact, loadConfig } from '@compact/application';
import { CompactCatalogError } from '@compact/domain';
import { createApp } from './create-app';
import { limitHeapGrowth } from './memory/heap-growth';
import { exitGracefullyOnSignals } from './shutdown/graceful-shutdown';

async function main(): Promise<void> {
  limitHeapGrowth();
  const logger = new Logger('Compact disputes');
  let config;
  let compact;
  try {
    config = loadConfig(process.env);
    compact = loadCompact(config.compactFile);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CompactCatalogError) {
      console.error(`Cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp({ config, compact });
  // From here on SIGTERM drains: the pollers may already have claimed work.
  exitGracefullyOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, noticeMs: config.shutdownNoticeMs });
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    console.error(`Cannot start: ${listenProblem(error as NodeJS.ErrnoException, config.host, config.port)}`);
    await app.close();
    process.exit(2);
  }
  logger.log(
    `Listening on ${config.host} port ${config.port}, reached as ${config.publicUrl} (API docs at ${config.publicUrl}/api/docs); ` +
      `database ${config.database.dialect === 'sqlite' ? config.database.path : 'PostgreSQL'}; Compact: ${compact.catalog.name}`,
  );
}

/** Why the service could not listen, naming the setting to change. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `PORT=${port}: another program already listens on ${host} port ${port}`;
    case 'EADDRNOTAVAIL':
      return `HOST='${host}' is not an address of this machine (use 127.0.0.1 for this machine only, 0.0.0.0 for every interface)`;
    case 'EACCES':
      return `PORT=${port}: this user may not listen on that port (ports below 1024 need privileges)`;
    case 'EAFNOSUPPORT':
      return `HOST='${host}': this machine has no network of that kind (IPv6?)`;
    default:
      return `cannot listen on HOST='${host}' PORT=${port}: ${error.message}`;
  }
}

main().catch((error) => {
  console.error('Cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
