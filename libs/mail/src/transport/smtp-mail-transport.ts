import type { Refusal } from '@compact/domain';
import nodemailer, { Transporter } from 'nodemailer';
import { MailSendError, MailTransport, nodemailerMessage, OutgoingMail, SendResult } from './mail-transport';

/** What nodemailer puts on a send error and on each refused recipient (see its NodemailerError). */
interface SmtpError extends Error {
  response?: string;
  responseCode?: number;
  /** Set with responseCode: a 5xx answer (but 503), one the same message would get again. */
  permanent?: boolean;
  command?: string;
  recipient?: string;
  rejectedErrors?: SmtpError[];
}

/** The commands whose refusal is about this message (not about the connection, the login or our sender address). */
const MESSAGE_COMMANDS = ['RCPT TO', 'DATA'];

const refusalOf = (e: SmtpError): Refusal => ({
  address: e.recipient ?? '',
  response: e.response ?? e.message,
  permanent: e.permanent === true,
});

/** Sends through an SMTP server given as `smtp://user:pass@host:587` (or smtps://). */
export class SmtpMailTransport extends MailTransport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(smtpUrl: string, options: { timeoutMs?: number; connections?: number } = {}) {
    super();
    const url = new URL(smtpUrl);
    this.description = `SMTP ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
    const timeout = options.timeoutMs ?? 30_000;
    // Pooled: connections are kept open and reused across messages (up to `connections` at once).
    this.transporter = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: options.connections ?? 4,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as any);
  }

  /**
   * The server may accept some recipients at RCPT TO and refuse others: the message then goes to
   * the accepted ones and the refused ones come back with the server's answer each (nodemailer's
   * `rejectedErrors`). When it refuses every recipient nodemailer throws, with the same list.
   */
  async send(mail: OutgoingMail): Promise<SendResult> {
    let info: { accepted?: unknown[]; rejectedErrors?: SmtpError[] };
    try {
      info = await this.transporter.sendMail(nodemailerMessage(mail));
    } catch (error) {
      const e = error as SmtpError;
      if (e.rejectedErrors?.length) return { accepted: [], refused: e.rejectedErrors.map(refusalOf) };
      const permanent = e.permanent === true && MESSAGE_COMMANDS.includes(e.command ?? '');
      throw new MailSendError(e.response ?? e.message, permanent);
    }
    const accepted = (info.accepted ?? []).map((a) => (typeof a === 'string' ? a : (a as { address: string }).address));
    return { accepted, refused: (info.rejectedErrors ?? []).map(refusalOf) };
  }

  override async close(): Promise<void> {
    this.transporter.close();
  }
}
