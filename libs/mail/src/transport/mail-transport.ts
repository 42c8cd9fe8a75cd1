import type { Refusal } from '@compact/domain';

/** A message ready to leave: addresses, bodies and the Message-ID derived from its outbox row. */
export interface OutgoingMail {
  messageId: string;
  from: string;
  /** The To and Cc headers: everyone the message is for. */
  to: string[];
  cc: string[];
  /** The envelope: those still owed the message (all of To and Cc at first; on a retry, the ones not yet accepted). */
  recipients: string[];
  subject: string;
  text: string;
  html: string;
  /** What the message is (e.g. `sign-in`), and when it was queued: a file transport names its file by them. */
  kind: string;
  createdAt: Date;
}

/** How the server answered a message it took: who it accepted and who it refused (with its answer). */
export interface SendResult {
  accepted: string[];
  refused: Refusal[];
  /** The file written, for a transport that writes files. */
  file?: string;
}

/**
 * The whole message was not taken: refused (a 5xx answer is `permanent`: the same message would be
 * refused again), or the server could not be reached, timed out or dropped the connection.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/**
 * Where mail goes: an SMTP server, or .eml files on disk. Resolves with who was accepted and who
 * refused; throws MailSendError when the message as a whole was not taken.
 */
export abstract class MailTransport {
  abstract readonly description: string;
  abstract send(mail: OutgoingMail): Promise<SendResult>;
  async close(): Promise<void> {}
}

/** The nodemailer message for an outgoing mail (same for every transport): headers for everyone, the envelope for those owed it. */
export function nodemailerMessage(mail: OutgoingMail) {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    cc: mail.cc.length > 0 ? mail.cc : undefined,
    envelope: { from: mail.from, to: mail.recipients },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  };
}
