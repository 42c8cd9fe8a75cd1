import { randomUUID } from 'node:crypto';
import { CaseParticipant, CaseRecord, HeldMail, MailKind } from '@compact/domain';
import type { MailBlock } from '@compact/mail';
import { nextDigestAt } from './digest-time';

type Part = CaseParticipant['part'];

/** A person a case email is addressed to, and the part their organisation takes in the case. */
export interface MailReader {
  userId: string;
  email: string;
  part: Part;
}

/** Who gets a case email now (To and Cc), and who has it held for their daily digest. */
export interface MailSplit {
  to: string[];
  cc: string[];
  held: MailReader[];
}

/**
 * The one rule of what a daily digest may hold. A case email goes at once to a reader who chose
 * every email (the default) and, whatever they chose, to a reader whose organisation takes one of
 * the parts in `mustMeet`: the parts that must meet a deadline the email is about, which the mail
 * planner knows from the workflow's own deadlines (`mustAct`), never from the state:
 * - a hand-off that sets a deadline: those who must now act by it (the copy to the mediator is not theirs);
 * - a stage change: those who must meet a deadline the change set (the respondent of a new case
 *   told to acknowledge it, not the claimant who raised it);
 * - a reminder, a deadline passed or a time limit: those who had to (or still may) act by it.
 * Everything else (news of the other side's move, copies to the mediator, what a party may now do
 * with no deadline on it) is held for a reader who chose the digest. Mail that is not about a
 * case (sign-in links, invitations, tokens, feedback links) never comes here: it always goes at once.
 * With nobody in To any more, those copied at once get it as To; with nobody at all, nothing is sent.
 */
export function splitForDigest(audience: { to: MailReader[]; cc: MailReader[] }, mustMeet: readonly Part[], daily: ReadonlySet<string>): MailSplit {
  const atOnce = (r: MailReader) => !daily.has(r.userId) || mustMeet.includes(r.part);
  const seen = new Set<string>();
  const unique = (readers: MailReader[]) => readers.filter((r) => !seen.has(r.email) && seen.add(r.email));
  const to = unique(audience.to);
  const cc = unique(audience.cc);
  const toNow = to.filter(atOnce).map((r) => r.email);
  const ccNow = cc.filter(atOnce).map((r) => r.email);
  const held = [...to, ...cc].filter((r) => !atOnce(r));
  return toNow.length > 0 ? { to: toNow, cc: ccNow, held } : { to: ccNow, cc: [], held };
}

/** What each reader's digest lists of a held email: the case, the email's subject, what happened, and when it is due. */
export function heldMailOf(
  readers: MailReader[],
  email: { record: Pick<CaseRecord, 'id' | 'reference' | 'title'>; kind: MailKind; subject: string; blocks: MailBlock[]; at: Date },
  digestHour: number,
): HeldMail[] {
  const detail = email.blocks.flatMap((b) => ('facts' in b ? b.facts : [])).find(([label]) => label === 'What happened')?.[1] ?? null;
  const dueAt = nextDigestAt(email.at, digestHour);
  return readers.map((r) => ({
    id: randomUUID(),
    userId: r.userId,
    caseId: email.record.id,
    caseReference: email.record.reference,
    caseTitle: email.record.title,
    kind: email.kind,
    summary: email.subject,
    detail,
    heldAt: email.at,
    dueAt,
  }));
}
