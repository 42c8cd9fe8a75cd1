import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TrustedTokens } from '@compact/application';
import { TrustChangesListener } from '@compact/persistence';
import { DataSource } from 'typeorm';

/**
 * On PostgreSQL, every instance listens for people deactivated by any other instance (or by the
 * command line) and forgets their cached tokens at once, rather than trusting them for up to 30 s.
 */
@Injectable()
export class TrustChangesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Trust');
  private readonly listener: TrustChangesListener;

  constructor(dataSource: DataSource, trusted: TrustedTokens) {
    this.listener = new TrustChangesListener(dataSource, {
      changed: (userId) => trusted.forgetUser(userId),
      missed: () => trusted.forgetAll(),
      warn: (message) => this.logger.warn(message),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.close();
  }
}
