import { AddressInfo } from 'node:net';
import { decodeQuotedPrintable, simpleParser } from './mail-parser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  /** The envelope (RCPT TO) the message was accepted for. */
  to: string[];
  raw: string;
  /** `raw` with quoted-printable decoded. */
  body: string;
  messageId: string | null;
  subject: string | null;
}

/**
 * accept: take every message; reject: refuse it after DATA with a temporary 451; reject-permanent:
 * refuse it after DATA with a permanent 554; drop: close the connection.
 */
export type ReceiverMode = 'accept' | 'reject' | 'reject-permanent' | 'drop';

type SmtpError = Error & { responseCode: number };

function smtpError(code: number, message: string): SmtpError {
  const error = new Error(message) as SmtpError;
  error.responseCode = code;
  return error;
}

const REFUSAL_TEXT: Record<number, string> = {
  450: 'Mailbox busy, try again later',
  451: 'Local error in processing, try again later',
  452: 'Insufficient storage, try again later',
  550: 'No such user here',
  551: 'User not local',
  553: 'Mailbox name not allowed',
};

interface HeldMessage {
  mail: ReceivedMail;
  session: SMTPServerSession;
  answer: (error?: Error | null) => void;
}

/**
 * A real SMTP server on loopback (the smtp-server package). `mode` (changeable while running)
 * decides what happens to each message; `refuse(address, code)` refuses one recipient at RCPT TO
 * (4xx temporary, 5xx permanent) while the others are accepted; `hold = true` keeps each message's
 * answer back until `release()`, as a slow server would, so a test can kill the sender mid-send.
 */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  /** Messages whose whole data arrived but whose sender went away before the answer (never delivered). */
  readonly abandoned: ReceivedMail[] = [];
  /** Every RCPT TO refused, in order: `address code`. */
  readonly refusedRecipients: string[] = [];
  mode: ReceiverMode = 'accept';
  hold = false;
  attempts = 0;
  private readonly refusals = new Map<string, number>();
  private readonly held: HeldMessage[] = [];
  private readonly closedSessions = new Set<string>();
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
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      // A connection kept open by a pooling client is dropped at its next message.
      onMailFrom: (_address, _session, callback) => {
        if (this.mode !== 'drop') return callback();
        this.attempts += 1;
        callback(smtpError(421, 'Closing the connection'));
      },
      onRcptTo: (address, _session, callback) => {
        const code = this.refusals.get(address.address.toLowerCase());
        if (code === undefined) return callback();
        this.refusedRecipients.push(`${address.address} ${code}`);
        callback(smtpError(code, `<${address.address}>: ${REFUSAL_TEXT[code] ?? 'Recipient refused'}`));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.attempts += 1;
          if (this.mode === 'reject') return callback(smtpError(451, 'Mailbox temporarily unavailable'));
          if (this.mode === 'reject-permanent') return callback(smtpError(554, 'Message refused: transaction failed'));
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = simpleParser(raw);
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            body: decodeQuotedPrintable(raw),
            messageId: parsed.header('message-id'),
            subject: parsed.header('subject'),
          };
          if (this.hold) {
            this.held.push({ mail, session, answer: callback });
            return;
          }
          this.messages.push(mail);
          callback();
        });
      },
    });
  }

  /** Refuses `address` at RCPT TO with `code` (e.g. 450 for a temporary refusal, 550 for a permanent one). */
  refuse(address: string, code: number): void {
    this.refusals.set(address.toLowerCase(), code);
  }

  /** Accepts every recipient again. */
  acceptEveryone(): void {
    this.refusals.clear();
  }

  /** Messages received in full and held without an answer. */
  get holding(): ReceivedMail[] {
    return this.held.map((h) => h.mail);
  }

  /** Held messages whose sender has closed the connection (it will never hear the answer). */
  get holdingForNobody(): ReceivedMail[] {
    return this.held.filter((h) => this.closedSessions.has(h.session.id)).map((h) => h.mail);
  }

  /**
   * Answers every held message: accepted (in `messages`) if its sender is still connected,
   * otherwise kept in `abandoned` (the sender never heard that it arrived). Stops holding.
   */
  release(): void {
    this.hold = false;
    for (const h of this.held.splice(0)) {
      if (this.closedSessions.has(h.session.id)) {
        this.abandoned.push(h.mail);
        continue;
      }
      this.messages.push(h.mail);
      h.answer();
    }
  }

  /** Waits (polling) until `condition` holds, or throws after `timeoutMs`. */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`the SMTP receiver waited ${timeoutMs} ms for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
