import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { MailTransport, nodemailerMessage, OutgoingMail } from './mail-transport';

/** The embedded default: every message is written as an RFC 5322 `.eml` file under one folder. */
export class EmlFileMailTransport extends MailTransport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(private readonly dir: string) {
    super();
    this.description = `.eml files in ${dir}`;
    this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail(nodemailerMessage(mail));
    await mkdir(this.dir, { recursive: true });
    const name = mail.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
    const file = join(this.dir, `${name}.eml`);
    // Write then rename, so a reader never sees half a message; the same outbox row overwrites its own file.
    await writeFile(`${file}.tmp`, info.message as Buffer);
    await rename(`${file}.tmp`, file);
  }
}
