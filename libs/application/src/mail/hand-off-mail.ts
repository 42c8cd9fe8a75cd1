import { CaseParticipant, CaseTimer } from '@compact/domain';
import { formatLongDate } from '@compact/calendar';
import { InstalledWorkflow, PartyNames, TimerPlan } from '@compact/engine';
import type { MailBlock } from '@compact/mail';
import { nextMove } from '../cases/next-move';

type Part = CaseParticipant['part'];

/** One email a hand-off causes: to whom, about what, in what words. */
export interface HandOffMail {
  to: Part[];
  cc: Part[];
  /** Those who must meet the deadline the email is about (it is never held for their digest). */
  mustMeet: Part[];
  topic: string;
  subject: string;
  blocks: MailBlock[];
}

export interface HandOffInputs {
  workflow: InstalledWorkflow;
  context: unknown;
  names: PartyNames;
  /** What happened, in words: "Southampton City Council: Propose a resolution". */
  happened: string;
  /** The deadlines the change set. */
  set: TimerPlan['set'];
  /** Whether the case moved to another state within its stage (a stage change has its own email). */
  moved: boolean;
  /** What each party may do now (the labels of its allowed events, the note aside). */
  mayDo: Readonly<Record<'claimant' | 'respondent', string[]>>;
  /** Parts already told by a deadline-passed email of this change. */
  told: readonly Part[];
}

/**
 * The emails of a hand-off within a stage: each deadline the change set goes to those who must
 * meet it (what happened, what they must do, by when, what happens if they do not), from the
 * workflow's own deadlines and phrases; a move with no new deadline (a mediator accepting,
 * mediation failing, a deadline passing) tells each party not already told what it may do now.
 */
export function handOffMails(inputs: HandOffInputs): HandOffMail[] {
  const timers: Array<Pick<CaseTimer, 'key' | 'purpose' | 'dueAt' | 'dueDate'>> = inputs.set.map((t) => ({ key: t.key, purpose: t.purpose, dueAt: t.dueAt, dueDate: t.dueDate }));
  const moves = nextMove({ workflow: inputs.workflow, context: inputs.context, timers, names: inputs.names, relation: 'none', allowedEvents: [] }).theirs;
  if (moves.length > 0) {
    return moves.map((m) => {
      const due = formatLongDate(m.dueDate);
      const rule = inputs.set.find((t) => t.key === m.deadlineKey)?.rule;
      return {
        to: m.parts,
        cc: m.parts.includes('mediator') ? [] : ['mediator'],
        mustMeet: m.parts,
        topic: `hand-off:${m.deadlineKey}`,
        subject: `You must ${m.todo} by ${due}`,
        blocks: [
          {
            facts: [
              ['What happened', inputs.happened],
              ['What you must do', `${m.who.join(' or ')} must ${m.todo}`],
              ['By', `${due} (the end of the day${rule ? `; ${rule}` : ''})`],
              ['If you do not', m.ifNot],
            ],
          },
        ],
      };
    });
  }
  if (!inputs.moved) return [];
  return (['claimant', 'respondent'] as const)
    .filter((part) => !inputs.told.includes(part) && inputs.mayDo[part].length > 0)
    .map((part) => ({
      to: [part],
      cc: [],
      mustMeet: [],
      topic: `hand-off:${part}`,
      subject: `${inputs.happened}: what you may do now`,
      blocks: [
        { facts: [['What happened', inputs.happened]] },
        { lines: [`${inputs.names[part]} may now:`, ...inputs.mayDo[part].map((label) => `- ${label}`)] },
      ],
    }));
}
