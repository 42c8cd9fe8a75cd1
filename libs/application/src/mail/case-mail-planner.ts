import { Inject, Injectable } from '@nestjs/common';
import { CaseParticipant, CaseRecord, CaseTimer, MailKind, Repositories } from '@compact/domain';
import { formatLongDate } from '@compact/calendar';
import { deadlineOf, InstalledWorkflow, PartyNames, TimerPlan } from '@compact/engine';
import { CaseMailFacts, MailBlock, renderCaseMail } from '@compact/mail';
import { APP_CONFIG } from '../application.tokens';
import { AppConfig } from '../config/app-config';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import type { CaseChange } from '../cases/case-change.writer';
import { heldMailOf, MailReader, splitForDigest } from './digest-holding';
import { handOffMails } from './hand-off-mail';
import { newOutboxMessage } from './new-outbox-message';

type Part = CaseParticipant['part'];

interface Audience {
  to: Part[];
  cc: Part[];
  /** The parts that must meet a deadline the email is about: they get it at once even if they chose a daily digest (digest-holding.ts). */
  mustMeet: readonly Part[];
}

/**
 * Decides the mail a case event causes and writes it to the outbox inside the caller's
 * transaction: stage changes to both parties, reminders and passed deadlines to those who must
 * act (copying the assigned mediator), time-limit reminders to the claimant, and within a stage
 * each hand-off to whoever must act next. A reader who chose a daily digest has the emails that
 * are not about their own deadline held for it (digest-holding.ts).
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
    if (cause.kind === 'raised') {
      await this.stageChanged(repos, after, { from: null, eventLabel: `Case raised by ${cause.raisedBy}`, set }, at);
      return this.nobodyAtRespondent(repos, after, set, at);
    }
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
      await this.enqueue(repos, after, 'hand-off', mail.topic, { to: mail.to, cc: mail.cc, mustMeet: mail.mustMeet }, mail.subject, mail.blocks, change.at);
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
    const audience: Audience = { to: ['claimant', 'respondent'], cc: ['mediator'], mustMeet: this.mustMeet(record, change.set ?? []) };
    await this.enqueue(repos, record, 'stage-change', `stage:${record.state}`, audience, subject, blocks, at);
  }

  /**
   * A case raised against an organisation where nobody can sign in (no active account) reaches
   * nobody there: every administrator (and ADMIN_EMAIL) is told, to invite someone.
   */
  private async nobodyAtRespondent(repos: Repositories, record: CaseRecord, set: TimerPlan['set'], at: Date): Promise<void> {
    if ((await repos.users.findByOrganisation(record.respondentOrganisationId)).length > 0) return;
    const admins = (await repos.users.list()).filter((u) => u.role === 'admin' && u.deactivatedAt === null).map((u) => u.email);
    const to = [...new Set([...admins, this.config.adminEmail])];
    const facts = await this.facts(repos, record);
    const name = facts.respondentName;
    const due = await this.dueNext(repos, record, set);
    const blocks: MailBlock[] = [
      {
        lines: [
          `${facts.claimantName} has raised a case against ${name}, but nobody at ${name} can sign in to the service, so nobody there has been told about it.`,
          `Invite someone from ${name} on the administration page: ${this.config.publicUrl}/admin`,
        ],
      },
      ...(due.length > 0 ? [{ facts: due }] : []),
    ];
    const content = renderCaseMail(facts, `Nobody at ${name} can sign in: invite someone for case ${record.reference}`, blocks);
    await repos.outbox.enqueue([newOutboxMessage({ caseId: record.id, kind: 'stage-change', topic: 'nobody-can-sign-in', at, to, cc: [], ...content })]);
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
      { to: mustAct, cc: mustAct.includes('mediator') ? [] : ['mediator'], mustMeet: mustAct },
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
        { to: def.mustAct(context, instance), cc: [], mustMeet: def.mustAct(context, instance) },
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
      { to: mustAct, cc: mustAct.includes('mediator') ? [] : ['mediator'], mustMeet: mustAct },
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
    const readersOf = async (parts: Part[]): Promise<MailReader[]> => {
      const found = await Promise.all(
        [...new Set(parts)].map(async (part) => {
          const orgId = orgOf(part);
          return orgId ? (await repos.users.findByOrganisation(orgId)).map((u) => ({ userId: u.id, email: u.email, part })) : [];
        }),
      );
      return found.flat();
    };
    const readers = { to: await readersOf(audience.to), cc: await readersOf(audience.cc) };
    if (readers.to.length === 0) return;
    const daily = new Set(await repos.digests.dailyReaders([...readers.to, ...readers.cc].map((r) => r.userId)));
    const { to, cc, held } = splitForDigest(readers, audience.mustMeet, daily);
    if (held.length > 0) await repos.digests.hold(heldMailOf(held, { record, kind, subject, blocks, at }, this.config.digestHour));
    if (to.length === 0) return;
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

  /** The parts that must meet the deadlines the change set (who may not have its email held for a digest). */
  private mustMeet(record: CaseRecord, set: TimerPlan['set']): Part[] {
    const context = this.context(record);
    return set.flatMap((t) => {
      const found = t.purpose === 'deadline' ? this.deadlineOf(record, t.key) : undefined;
      return found ? found.def.mustAct(context, found.instance) : [];
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
