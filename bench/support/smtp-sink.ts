/*
 * A lean SMTP receiver for bench/outbox.bench.ts, run in a child process of its own so that it
 * does not share the sender's event loop: a real SMTP server (the smtp-server package, as
 * test/support/smtp-receiver.ts uses) on 127.0.0.1 that accepts every message and keeps only its
 * Message-ID (counted, so a duplicate delivery shows). Talks to the parent over IPC: sends
 * { kind: 'ready', url }; answers 'stats' (counts and CPU), 'ids' (every Message-ID received),
 * 'reset' and 'stop'.
 */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkStats {
  /** Messages accepted (DATA completed). */
  received: number;
  /** Distinct Message-IDs among them. */
  distinct: number;
  /** Messages whose Message-ID had been received before. */
  duplicates: number;
  /** Messages without a Message-ID header. */
  withoutId: number;
  bytes: number;
  connections: number;
  cpu: NodeJS.CpuUsage;
}

/** The Message-ID of a raw message: its header section only, folded lines joined. */
function messageIdOf(raw: string): string | null {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:\s*(.+)$/im.exec(head);
  return match ? match[1].trim() : null;
}

function main(): void {
  const seen = new Map<string, number>();
  const stats = { received: 0, duplicates: 0, withoutId: 0, bytes: 0, connections: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect: (_session, callback) => {
      stats.connections += 1;
      callback();
    },
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        stats.received += 1;
        stats.bytes += raw.length;
        const id = messageIdOf(raw);
        if (id === null) stats.withoutId += 1;
        else {
          const n = seen.get(id) ?? 0;
          if (n > 0) stats.duplicates += 1;
          seen.set(id, n + 1);
        }
        callback();
      });
    },
  });

  process.on('message', (msg: { kind: string; id?: number }) => {
    if (msg.kind === 'stats') {
      const s: SinkStats = { ...stats, distinct: seen.size, cpu: process.cpuUsage() };
      process.send!({ kind: 'stats', id: msg.id, stats: s });
    } else if (msg.kind === 'ids') {
      process.send!({ kind: 'ids', id: msg.id, ids: [...seen.keys()] });
    } else if (msg.kind === 'reset') {
      seen.clear();
      Object.assign(stats, { received: 0, duplicates: 0, withoutId: 0, bytes: 0, connections: 0 });
      process.send!({ kind: 'reset', id: msg.id });
    } else if (msg.kind === 'stop') {
      // Nothing to keep: no need to wait for pooled client connections to close.
      process.exit(0);
    }
  });
  // The parent going away ends the receiver too.
  process.on('disconnect', () => process.exit(0));

  server.listen(0, '127.0.0.1', () => {
    const { port } = server.server.address() as AddressInfo;
    process.send!({ kind: 'ready', url: `smtp://127.0.0.1:${port}` });
  });
}

main();
