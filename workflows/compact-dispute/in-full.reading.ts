import { formatLongDate } from '@compact/calendar';
import type { FullText, PartyNames } from '@compact/engine';

/*
 * The pending proposal and the agreement of a compact-dispute case as the case page shows them in
 * full (how people read it; shared by the released versions, each passing what its context holds).
 */

type Side = 'claimant' | 'respondent';
type Due = { on: string } | { workingDaysAfterAgreement: number };

interface Term {
  party: Side;
  action: string;
  due: Due;
}

interface AgreedAction extends Term {
  id: string;
  status: 'open' | 'done' | 'confirmed';
  overdue: boolean;
  doneAt: string | null;
  doneNote: string | null;
  confirmedAt: string | null;
  confirmedBy: 'party' | 'system' | null;
}

const other = (side: Side): Side => (side === 'claimant' ? 'respondent' : 'claimant');
const day = (iso: string) => formatLongDate(iso.slice(0, 10));

function dueWords(due: Due, pending: string | null): string {
  if (pending) return `by ${formatLongDate(pending)}`;
  return 'on' in due ? `by ${formatLongDate(due.on)}` : `within ${due.workingDaysAfterAgreement} working days of the agreement`;
}

/** A proposal awaiting an answer: who made it and when, its text, what it offers, and who must answer. */
export function proposalInFull(
  proposal: { by: Side; text: string; at: string; terms?: readonly Term[] } | null,
  names: PartyNames,
): FullText[] {
  if (!proposal) return [];
  const terms = proposal.terms ?? [];
  return [
    {
      heading: 'Proposal awaiting an answer',
      rows: [
        { key: 'Proposed by', value: `${names[proposal.by]}, on ${day(proposal.at)}` },
        { key: 'Proposal', value: proposal.text },
        ...terms.map((t, i) => ({ key: `Action ${i + 1} offered`, value: `${names[t.party]}: ${t.action} (${dueWords(t.due, null)})` })),
        { key: 'Must be answered by', value: names[other(proposal.by)] },
      ],
    },
  ];
}

const VIA: Record<string, string> = {
  negotiation: 'in negotiation',
  mediation: 'in mediation',
  formal: 'as the remedy of a formal decision',
};

function statusWords(a: AgreedAction, names: PartyNames): string {
  if (a.status === 'confirmed') {
    return a.confirmedBy === 'system'
      ? `Done, counted as confirmed on ${day(a.confirmedAt!)} (no answer in time)`
      : `Done, confirmed by ${names[other(a.party)]} on ${day(a.confirmedAt!)}`;
  }
  if (a.status === 'done') {
    return `Reported done on ${day(a.doneAt!)}${a.doneNote ? ` ("${a.doneNote}")` : ''}; ${names[other(a.party)]} to confirm`;
  }
  return a.overdue ? 'Not done, and its date has passed' : 'Not done yet';
}

/**
 * The agreement the case ended in and where each of its actions stands; once reported not kept
 * (the case reopened), what was reported.
 */
export function agreementInFull(
  agreement: { via: string; summary: string; at: string; actions: readonly AgreedAction[] } | null,
  notKept: { actionId: string; whatHappened: string; at: string } | null,
  names: PartyNames,
  dueDateOf: (timerKey: string) => string | null,
): FullText[] {
  if (!agreement) return [];
  const broken = notKept && notKept.at >= agreement.at ? notKept : null;
  const brokenAction = broken ? agreement.actions.findIndex((a) => a.id === broken.actionId) + 1 : 0;
  return [
    {
      heading: broken ? 'Agreement reported not kept' : 'Agreement',
      rows: [
        { key: 'Reached', value: `${VIA[agreement.via] ?? agreement.via}, on ${day(agreement.at)}` },
        { key: 'Agreement', value: agreement.summary },
        ...(broken ? [{ key: 'Reported not kept', value: `On ${day(broken.at)}, about action ${brokenAction}: ${broken.whatHappened}` }] : []),
        ...agreement.actions.map((a, i) => ({
          key: `Action ${i + 1}`,
          value: `${names[a.party]}: ${a.action} (${dueWords(a.due, dueDateOf(`action.due/${a.id}`))}). ${statusWords(a, names)}.`,
        })),
      ],
    },
  ];
}
