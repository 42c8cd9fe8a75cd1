import { Inject, Injectable } from '@nestjs/common';
import { CaseParticipant, CaseRecord, CaseTimer, MailKind, Repositories } from '@compact/domain';
import { formatLongDate } from '@compact/calendar';
import { deadlineOf, InstalledWorkflow, PartyNames, TimerPlan } from '@compact/engine';
import { CaseMailFacts, MailBlock, renderCaseMail } from '@compact/mail';
import { APP_CONFIG } from '../application.tokens';
import { AppConfig } from '../config/app-config';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import type { CaseChange } from '../cases/case-change.writer';
import { handOffMails } from './hand-off-mail';
import { newOutboxMessage } from './new-outbox-message';

type Part = CaseParticipant['part'];

interface Audience {
  to: Part[];
  cc: Part[];
}

/**
 * Decides the mail a case event causes and writes it to the outbox inside the caller's
 * transaction: stage changes to both parties, reminders and passed deadlines to those who must
 * act (copying the assigned mediator), time-limit reminders to the claimant, and within a stage
 * each hand-off to whoever must act next.
 */
@Injectable()
export class CaseMailPlanner {
  constructor(
    private readonly registry: WorkflowRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The mail one change of a case causes (called by CaseChangeWriter, the one path of every change):
   * the deadline that passed, and the new stage when the case moved to another.
   */
  async caseChanged(repos: Repositories, before: CaseRecord | null, after: CaseRecord, change: CaseChange): Promise<void> {
    const { cause, at } = change;
    const set = change.next.timers.set;
    if (cause.kind === 'raised') return this.stageChanged(repos, after, { from: null, eventLabel: `Case raised by ${cause.raisedBy}`, set }, at);
    if (!before) return;
    if (cause.kind === 'deadline') await this.deadlinePassed(repos, before, after, cause.timer, at);
    if (after.state !== before.state) {
      const label = change.runtime.definition.events[change.eventType]?.label ?? change.eventType;
      await this.stageChanged(repos, after, { from: before.state, eventLabel: label, set }, at);
    } else if (cause.kind === 'event' || cause.kind === 'deadline') {
      await this.handedOff(repos, before, after, change);
    }
  }

  /** Within a stage: whoever the change hands the next move to is told what to do, by when (hand-off-mail.ts). */
  private async handedOff(repos: Repositories, before: CaseRecord, after: CaseRecord, change: CaseChange): Promise<void> {
    const workflow = change.runtime.definition as InstalledWorkflow;
    const set = change.next.timers.set;
    const moved = after.statePath !== before.statePath;
    const setsDeadline = set.some((t) => t.purpose === 'deadline');
    if (!moved && !setsDeadline) return;
    const names = await this.partyNames(repos, after);
    const at = change.at.toISOString();
    let happened: string;
    let told: Part[] = [];
    if (change.cause.kind === 'deadline') {
      const found = this.deadlineOf(before, change.cause.timer.key);
      happened = `Deadline passed: ${found?.def.label ?? change.cause.timer.key}`;
      told = found ? found.def.mustAct(this.context(before), found.instance) : [];
    } else {
      const by = change.actor.type === 'user' && change.actor.organisationId ? await repos.organisations.findById(change.actor.organisationId) : null;
      happened = `${workflow.events[change.eventType]?.label ?? change.eventType}${by ? `, by ${by.name}` : ''}`;
    }
    const mayDo = { claimant: [] as string[], respondent: [] as string[] };
    if (moved && !setsDeadline) {
      const facts = { timers: await repos.timers.listByCase(after.id), deadlines: after.rules.deadlines };
      for (const part of ['claimant', 'respondent'] as const) {
        const allowed = change.runtime.allowedEvents(change.next.snapshot, part, at, facts).filter((type) => type !== 'ADD_NOTE');
        mayDo[part] = allowed.map((type) => workflow.events[type]?.label ?? type);
      }
    }
    for (const mail of handOffMails({ workflow, context: this.context(after), names, happened, set, moved, mayDo, told })) {
      await this.enqueue(repos, after, 'hand-off', mail.topic, { to: mail.to, cc: mail.cc }, mail.subject, mail.blocks, change.at);
    }
  }

  private async partyNames(repos: Repositories, record: CaseRecord): Promise<PartyNames> {
    const ids = [record.claimantOrganisationId, record.respondentOrganisationId, record.mediatorOrganisationId].filter((id): id is string => id !== null);
    const names = new Map((await repos.organisations.findByIds(ids)).map((o) => [o.id, o.name]));
    return {
      claimant: names.get(record.claimantOrganisationId) ?? 'the claimant',
      respondent: names.get(record.respondentOrganisationId) ?? 'the respondent',
      mediator: (record.mediatorOrganisationId && names.get(record.mediatorOrganisationId)) || 'the mediator',
    };
  }

  /** `set`: the timers the change set, whose deadlines the mail states (who must act next, and by when). */
  async stageChanged(repos: Repositories, record: CaseRecord, change: { from: string | null; eventLabel: string; set?: TimerPlan['set'] }, at: Date) {
    const workflow = this.registry.of(record);
    const stage = workflow.describeState(record.state);
    const subject = change.from === null ? `A case has been raised: ${record.title}` : `The case moved to ${stage.toLowerCase()}`;
    const blocks: MailBlock[] = [
      {
        facts: [
          ['What happened', change.eventLabel],
          ['Stage now', workflow.describeState(record.statePath)],
          ...(await this.dueNext(repos, record, change.set ?? [])),
        ],
      },
    ];
    await this.enqueue(repos, record, 'stage-change', `stage:${record.state}`, { to: ['claimant', 'respondent'], cc: ['mediator'] }, subject, blocks, at);
  }

  async deadlineReminder(repos: Repositories, record: CaseRecord, timer: CaseTimer, at: Date) {
    const found = this.deadlineOf(record, timer.deadlineKey ?? timer.key);
    const def = found?.def;
    const mustAct: Part[] = found ? found.def.mustAct(this.context(record), found.instance) : ['claimant', 'respondent'];
    const due = formatLongDate(timer.dueDate);
    const what = found?.instance && def?.describe ? `${def.label}: ${def.describe(this.context(record), found.instance)}` : (def?.label ?? timer.key);
    await this.enqueue(
      repos,
      record,
      'reminder',
      timer.deadlineKey ?? timer.key,
      { to: mustAct, cc: mustAct.includes('mediator') ? [] : ['mediator'] },
      `Reminder: ${lowerFirst(def?.label ?? timer.key)} by ${due}`,
      [{ facts: [['What is due', what], ['By', `${due} (end of the day)`], ['Deadline', timer.rule]] }],
      at,
    );
  }

  /** `before`: the case as it was when the deadline passed (it says who had to act). */
  async deadlinePassed(repos: Repositories, before: CaseRecord, after: CaseRecord, timer: CaseTimer, at: Date) {
    const found = this.deadlineOf(before, timer.key);
    if (!found) return;
    const { def, instance } = found;
    const context = this.context(before);
    if (def.purpose === 'reminder') {
      const limit = formatLongDate(timer.dueDate);
      const limitName = def.label.replace(/\s*\([^)]*\)$/, '');
      const from =
        def.anchor === 'decision'
          ? `the decision of ${formatLongDate(String((context as { decisionDate?: string }).decisionDate))}`
          : `when you became aware of the matter on ${formatLongDate(before.becameAwareOn)}`;
      await this.enqueue(
        repos,
        after,
        'time-limit',
        timer.key,
        { to: def.mustAct(context, instance), cc: [] },
        `${limitName} ends on ${limit}`,
        [
          {
            lines: [
              `If you want to take this matter further, the usual time limit ends on ${limit} (${timer.rule}, counted from ${from}).`,
              ...(def.notice ?? []),
            ],
          },
        ],
        at,
      );
      return;
    }
    const mustAct = def.mustAct(context, instance);
    const what = instance && def.describe ? `${def.label}: ${def.describe(context, instance)}` : def.label;
    await this.enqueue(
      repos,
      after,
      'deadline-passed',
      timer.key,
      { to: mustAct, cc: mustAct.includes('mediator') ? [] : ['mediator'] },
      `Deadline passed: ${lowerFirst(def.label)}`,
      [
        { facts: [['What was due', what], ['Was due by', formatLongDate(timer.dueDate)], ['Who had to act', mustAct.join(', ')]] },
        { lines: [`The case is now: ${this.registry.of(after).describeState(after.statePath)}.`] },
      ],
      at,
    );
  }

  private async enqueue(
    repos: Repositories,
    record: CaseRecord,
    kind: MailKind,
    topic: string,
    audience: Audience,
    subject: string,
    blocks: MailBlock[],
    at: Date,
  ): Promise<void> {
    const orgOf = (part: Part): string | null =>
      part === 'claimant' ? record.claimantOrganisationId : part === 'respondent' ? record.respondentOrganisationId : record.mediatorOrganisationId;
    const emailsOf = async (parts: Part[]): Promise<string[]> => {
      const orgIds = [...new Set(parts.map(orgOf).filter((id): id is string => id !== null))];
      const users = (await Promise.all(orgIds.map((id) => repos.users.findByOrganisation(id)))).flat();
      return [...new Set(users.map((u) => u.email))];
    };
    const to = await emailsOf(audience.to);
    if (to.length === 0) return;
    const cc = (await emailsOf(audience.cc)).filter((e) => !to.includes(e));
    const content = renderCaseMail(await this.facts(repos, record), subject, blocks);
    await repos.outbox.enqueue([newOutboxMessage({ caseId: record.id, kind, topic, at, to, cc, ...content })]);
  }

  private async facts(repos: Repositories, record: CaseRecord): Promise<CaseMailFacts> {
    const orgs = await repos.organisations.findByIds([record.claimantOrganisationId, record.respondentOrganisationId]);
    const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? 'an organisation';
    const compact = this.registry.compact;
    return {
      reference: record.reference,
      title: record.title,
      kind: record.kind,
      compactName: compact.catalog.name,
      claimantName: name(record.claimantOrganisationId),
      respondentName: name(record.respondentOrganisationId),
      caseUrl: `${this.config.publicUrl}/cases/${record.id}`,
      undertakings: record.undertakingIds.flatMap((id) => compact.find(id) ?? []).map((u) => ({ id: u.id, text: u.text })),
    };
  }

  /** One fact per deadline the change set: what is due, by when, and which organisation must act. */
  private async dueNext(repos: Repositories, record: CaseRecord, set: TimerPlan['set']): Promise<Array<[string, string]>> {
    const deadlines = set.flatMap((t) => {
      const found = t.purpose === 'deadline' ? this.deadlineOf(record, t.key) : undefined;
      return found ? [{ timer: t, ...found }] : [];
    });
    if (deadlines.length === 0) return [];
    const orgIds = [record.claimantOrganisationId, record.respondentOrganisationId, record.mediatorOrganisationId].filter((id): id is string => id !== null);
    const names = new Map((await repos.organisations.findByIds(orgIds)).map((o) => [o.id, o.name]));
    const nameOf = (part: Part): string => {
      const id = part === 'claimant' ? record.claimantOrganisationId : part === 'respondent' ? record.respondentOrganisationId : record.mediatorOrganisationId;
      return (id && names.get(id)) ?? `the ${part}`;
    };
    const context = this.context(record);
    return deadlines.map(({ timer, def, instance }) => {
      const who = def.mustAct(context, instance).map(nameOf).join(' or ');
      return ['Due next', `${def.label}: ${who} must act by ${formatLongDate(timer.dueDate)} (end of the day; ${timer.rule})`];
    });
  }

  private deadlineOf(record: CaseRecord, key: string) {
    return deadlineOf(this.registry.of(record), key);
  }

  private context(record: CaseRecord): any {
    return (record.snapshot as { context: unknown }).context;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
