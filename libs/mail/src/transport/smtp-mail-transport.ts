import nodemailer, { Transporter } from 'nodemailer';
import { MailTransport, nodemailerMessage, OutgoingMail } from './mail-transport';

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

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(nodemailerMessage(mail));
  }

  override async close(): Promise<void> {
    this.transporter.close();
  }
}
