import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/** The PostgreSQL channel on which a change of trust (a person deactivated) is announced, with the user's id. */
export const TRUST_CHANGES_CHANNEL = 'compact_trust_changed';

/** The listening connection's application_name, so that an operator (or a test) can tell it from the pool's. */
export const TRUST_LISTENER_NAME = 'compact-trust-listener';

const RECONNECT_AFTER_MS = 1_000;

export interface TrustChangeHandlers {
  /** A person's trust changed: forget what is cached of them. */
  changed(userId: string): void;
  /** Announcements may have been missed (the listening connection was lost): forget everything cached. */
  missed(): void;
  warn(message: string): void;
}

/**
 * Listens for changes of trust on its own PostgreSQL connection (LISTEN holds a connection, so it
 * is not taken from the pool). A lost connection is opened again after a second; whatever was
 * announced meanwhile is treated as missed. On SQLite there is nothing to listen to.
 */
export class TrustChangesListener {
  private client: Client | null = null;
  private closing = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: TrustChangeHandlers,
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  async start(): Promise<void> {
    if (this.dataSource.options.type !== 'postgres') return;
    await this.connect(false);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(afterLoss: boolean): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: TRUST_LISTENER_NAME });
    client.on('notification', (n) => {
      if (n.channel === TRUST_CHANGES_CHANNEL && n.payload) this.handlers.changed(n.payload);
    });
    const lost = (why: string) => {
      if (this.client !== client || this.closing) return;
      this.client = null;
      client.end().catch(() => undefined);
      this.handlers.warn(`Lost the connection listening for changes of trust (${why}); cached tokens now expire on their own until it is back`);
      this.later();
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${TRUST_CHANGES_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      this.handlers.warn(`Cannot listen for changes of trust (${(err as Error).message}); trying again`);
      this.later();
      return;
    }
    if (this.closing) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (afterLoss) this.handlers.missed();
  }

  private later(): void {
    if (this.closing) return;
    this.retry = setTimeout(() => void this.connect(true), RECONNECT_AFTER_MS);
    this.retry.unref();
  }
}
