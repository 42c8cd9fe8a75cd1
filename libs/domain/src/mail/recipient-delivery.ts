import { OutboxRecipient, OutboxStatus } from './outbox-message';

/** A recipient the server did not accept, with its answer; `permanent` for a 5xx (never retried). */
export interface Refusal {
  address: string;
  response: string;
  permanent: boolean;
}

/** How one attempt went. */
export type AttemptOutcome =
  /** The server took the message for `accepted` and refused `refused` (the .eml transport accepts everyone). */
  | { kind: 'answered'; accepted: string[]; refused: Refusal[] }
  /** The whole message was refused, or the server could not be reached or dropped the connection. */
  | { kind: 'failed'; response: string; permanent: boolean };

/** Where a message stands after an attempt, or after it is given up on. */
export interface Settlement {
  recipients: OutboxRecipient[];
  status: Exclude<OutboxStatus, 'sending'>;
  /** Recipients whose server accepted the message in this attempt. */
  delivered: OutboxRecipient[];
  /** Recipients given up on in this attempt. */
  failed: OutboxRecipient[];
  /** A one-line account of what went wrong; null once everyone got the message. */
  lastError: string | null;
}

/** The recipients of a new message: everyone in To and Cc, each owed the message (an address once). */
export function recipientsOf(to: string[], cc: string[]): OutboxRecipient[] {
  const seen = new Set<string>();
  const out: OutboxRecipient[] = [];
  for (const [field, list] of [['to', to], ['cc', cc]] as const) {
    for (const address of list) {
      const key = address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ address, field, status: 'pending', response: null, at: null });
    }
  }
  return out;
}

/** The addresses still owed the message: the envelope of the next attempt. */
export function owedAddresses(recipients: OutboxRecipient[]): string[] {
  return recipients.filter((r) => r.status === 'pending').map((r) => r.address);
}

function statusOf(recipients: OutboxRecipient[]): Settlement['status'] {
  if (recipients.some((r) => r.status === 'pending')) return 'pending';
  return recipients.some((r) => r.status === 'failed') ? 'failed' : 'sent';
}

function summary(recipients: OutboxRecipient[]): string | null {
  const open = recipients.filter((r) => r.status !== 'sent' && r.response);
  if (open.length === 0) return null;
  const responses = new Set(open.map((r) => r.response));
  if (responses.size === 1 && open.length === recipients.filter((r) => r.status !== 'sent').length) return open[0].response;
  return open.map((r) => `${r.address}: ${r.response}`).join('; ');
}

function settle(before: OutboxRecipient[], after: OutboxRecipient[], fallbackError: string | null): Settlement {
  const changed = (status: OutboxRecipient['status']) => after.filter((r, i) => r.status === status && before[i].status !== status);
  const status = statusOf(after);
  return {
    recipients: after,
    status,
    delivered: changed('sent'),
    failed: changed('failed'),
    lastError: status === 'sent' ? null : (summary(after) ?? fallbackError),
  };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Applies one attempt to the recipients it went to (those still owed it): accepted ones are sent,
 * a permanent refusal fails a recipient at once with the server's answer, a temporary one leaves
 * it owed. When this was the last attempt allowed, whoever is still owed the message is given up.
 */
export function settleAttempt(
  recipients: OutboxRecipient[],
  outcome: AttemptOutcome,
  attempt: { number: number; maxAttempts: number; at: Date },
): Settlement {
  const after = recipients.map((r): OutboxRecipient => {
    if (r.status !== 'pending') return r;
    if (outcome.kind === 'failed') {
      return outcome.permanent ? { ...r, status: 'failed', response: outcome.response, at: attempt.at } : { ...r, response: outcome.response };
    }
    if (outcome.accepted.some((a) => same(a, r.address))) return { ...r, status: 'sent', response: null, at: attempt.at };
    const refusal = outcome.refused.find((f) => same(f.address, r.address));
    if (!refusal) return { ...r, response: 'The server gave no answer for this recipient' };
    return refusal.permanent ? { ...r, status: 'failed', response: refusal.response, at: attempt.at } : { ...r, response: refusal.response };
  });
  const final = attempt.number >= attempt.maxAttempts;
  const settled = final ? giveUpOn(after, (r) => `${r.response ?? 'Not delivered'} (gave up after ${attempt.number} attempts)`, attempt.at) : after;
  return settle(recipients, settled, outcome.kind === 'failed' ? outcome.response : null);
}

function giveUpOn(recipients: OutboxRecipient[], reason: (r: OutboxRecipient) => string, at: Date): OutboxRecipient[] {
  return recipients.map((r) => (r.status === 'pending' ? { ...r, status: 'failed', response: reason(r), at } : r));
}

/**
 * Gives up on everyone still owed the message, for `reason` (every attempt used, or the content
 * expired before it could be delivered). Recipients already sent or failed keep what they have.
 */
export function giveUp(recipients: OutboxRecipient[], reason: string, at: Date): Settlement {
  const settled = settle(recipients, giveUpOn(recipients, () => reason, at), reason);
  return { ...settled, lastError: reason };
}

/** An administrator's retry: the recipients given up on are owed the message again (those who got it are not sent it twice). */
export function requeueFailed(recipients: OutboxRecipient[]): OutboxRecipient[] {
  return recipients.map((r) => (r.status === 'failed' ? { ...r, status: 'pending', response: null, at: null } : r));
}
