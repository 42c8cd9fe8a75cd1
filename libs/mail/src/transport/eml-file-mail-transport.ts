import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { MailTransport, nodemailerMessage, OutgoingMail, SendResult } from './mail-transport';

/**
 * `2026-12-01T10-00-00.000Z_sign-in_<id>.eml`: sorted by name, the files are in the order the messages
 * were queued, and each says what it is. The name comes from the outbox row only (when it was
 * queued, its kind and its id), so a row sent again overwrites its own file.
 */
export function emlFileName(mail: Pick<OutgoingMail, 'messageId' | 'kind' | 'createdAt'>): string {
  const at = mail.createdAt.toISOString().replace(/:/g, '-');
  const id = mail.messageId.replace(/[<>]/g, '').replace(/@.*$/, '').replace(/[^\w.-]/g, '_');
  const kind = mail.kind.replace(/[^\w-]/g, '_');
  return `${at}_${kind}_${id}.eml`;
}

/** The embedded default: every message is written as an RFC 5322 `.eml` file under one folder; every recipient is taken. */
export class EmlFileMailTransport extends MailTransport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(private readonly dir: string) {
    super();
    this.description = `.eml files in ${dir}`;
    this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<SendResult> {
    const info = await this.transporter.sendMail(nodemailerMessage(mail));
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, emlFileName(mail));
    // Write then rename, so a reader never sees half a message.
    await writeFile(`${file}.tmp`, info.message as Buffer);
    await rename(`${file}.tmp`, file);
    return { accepted: mail.recipients, refused: [], file };
  }
}
