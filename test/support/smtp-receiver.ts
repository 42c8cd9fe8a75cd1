import { AddressInfo } from 'node:net';
import { decodeQuotedPrintable, simpleParser } from './mail-parser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** `raw` with quoted-printable decoded. */
  body: string;
  messageId: string | null;
  subject: string | null;
}

export type ReceiverMode = 'accept' | 'reject' | 'drop';

/**
 * A real SMTP server on loopback (the smtp-server package). `mode`: accept messages, refuse them
 * with a 451 after DATA, or drop the connection; it can be changed while running.
 */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  mode: ReceiverMode = 'accept';
  attempts = 0;
  private server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (session, callback) => {
        if (this.mode === 'drop') {
          this.attempts += 1;
          // Close the socket without a greeting: the client sees the connection drop.
          (session as unknown as { socket?: { destroy(): void } }).socket?.destroy?.();
          return callback(new Error('dropped'));
        }
        callback();
      },
      // A connection kept open by a pooling client is dropped at its next message.
      onMailFrom: (_address, _session, callback) => {
        if (this.mode !== 'drop') return callback();
        this.attempts += 1;
        const error = new Error('Closing the connection') as Error & { responseCode: number };
        error.responseCode = 421;
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.attempts += 1;
          if (this.mode === 'reject') {
            const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = simpleParser(raw);
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            body: decodeQuotedPrintable(raw),
            messageId: parsed.header('message-id'),
            subject: parsed.header('subject'),
          });
          callback();
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
