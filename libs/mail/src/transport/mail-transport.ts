/** A message ready to leave: addresses, bodies and the Message-ID derived from its outbox row. */
export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

/** Where mail goes: an SMTP server, or .eml files on disk. Throws when a message is not accepted. */
export abstract class MailTransport {
  abstract readonly description: string;
  abstract send(mail: OutgoingMail): Promise<void>;
  async close(): Promise<void> {}
}

/** The nodemailer message for an outgoing mail (same for every transport). */
export function nodemailerMessage(mail: OutgoingMail) {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    cc: mail.cc.length > 0 ? mail.cc : undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  };
}
