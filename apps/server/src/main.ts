import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadCompact, loadConfig } from '@compact/application';
import { CompactCatalogError } from '@compact/domain';
import { createApp } from './create-app';

async function main(): Promise<void> {
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
  await app.listen(config.port);
  logger.log(
    `Listening on ${config.publicUrl} (API docs at ${config.publicUrl}/api/docs); ` +
      `database ${config.database.dialect === 'sqlite' ? config.database.path : 'PostgreSQL'}; Compact: ${compact.catalog.name}`,
  );
}

main().catch((error) => {
  console.error('Cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
