import { FireDueTimersUseCase } from '@compact/application';
import { Store } from '@compact/domain';
import { CaseFactory } from './case-factory';
import { ManualClock } from './manual-clock';
import { Member, Parties } from './parties.fixture';
import { TestApp } from './test-app';
import { WorkflowPath } from './workflow-paths';

/**
 * Replays a workflow path on a new case through the HTTP API, as the users the workflow permits;
 * deadline events through the case's own timer rows and FireDueTimersUseCase, the app's clock set
 * to the timer's due time. Checks the state after every step, and at the end the state, the audit
 * trail event by event and its hash chain. Returns what did not match (nothing when all did).
 */
export class PathReplay {
  private readonly f: CaseFactory;
  private readonly timers: FireDueTimersUseCase;
  private readonly store: Store;
  private readonly gate = new ClockGate();

  constructor(
    private readonly t: TestApp,
    private readonly p: Parties,
    private readonly clock: ManualClock,
    /** The workflow version new cases must start on. */
    private readonly version: number,
    /** The fields of the raised case beside the fixture's (breachOf45). */
    private readonly raiseWith: () => Record<string, unknown>,
    /**
     * A payload as sent, from the traversal's, when it depends on the app's clock (a date that must
     * not be past, say). No timer is fired (which moves the clock) while such a payload is made and
     * sent, so another path's deadline cannot move the clock past the date in between. The real
     * mediator is put in anyway.
     */
    private readonly adapt?: (payload: Record<string, unknown>) => Record<string, unknown>,
  ) {
    this.f = new CaseFactory(t.api, p);
    this.timers = t.app.get(FireDueTimersUseCase);
    this.store = t.app.get(Store);
  }

  memberFor(by: string): Member {
    return ({ claimant: this.p.vcs, respondent: this.p.council, mediator: this.p.mediator, admin: this.p.admin } as Record<string, Member>)[by]!;
  }

  /** A deadline event: the case's own timer row for it, fired by the app's timer use case once the clock reaches it. */
  fireDeadline(caseId: string, eventType: string): Promise<string> {
    return this.gate.moving(() => this.fireNow(caseId, eventType));
  }

  private async fireNow(caseId: string, eventType: string): Promise<string> {
    const rows = await this.store.read((r) => r.timers.listByCase(caseId));
    const timer = rows.find((row) => row.eventType === eventType);
    if (!timer) return `no pending timer for ${eventType} (timers: ${rows.map((r) => r.eventType).join(', ') || 'none'})`;
    if (this.clock.now() < timer.dueAt) this.clock.set(timer.dueAt);
    return this.timers.fire(timer);
  }

  async replay(path: WorkflowPath): Promise<string[]> {
    const { t, p } = this;
    const problems: string[] = [];
    const raised = await this.f.raise(this.raiseWith());
    if (raised.workflow?.version !== this.version) problems.push(`raised on ${JSON.stringify(raised.workflow)}, expected v${this.version}`);
    if (raised.statePath !== path.initial) problems.push(`raised in ${raised.statePath}, machine starts in ${path.initial}`);
    for (const [i, e] of path.events.entries()) {
      if (e.by === 'system') {
        const outcome = await this.fireDeadline(raised.id, e.type);
        if (outcome !== 'fired') return [...problems, `step ${i + 1} ${e.type}: timer ${outcome}`];
        continue;
      }
      const payload = 'mediatorOrganisationId' in e.payload ? { ...e.payload, mediatorOrganisationId: p.orgs.mediator } : e.payload;
      const send = (body: Record<string, unknown>) => t.api.event(raised.id, { type: e.type, ...body }, this.memberFor(e.by).token);
      const adapt = this.adapt;
      const res = adapt && adapt(payload) !== payload ? await this.gate.still(() => send(adapt(payload))) : await send(payload);
      if (res.status !== 200) return [...problems, `step ${i + 1} ${e.type}(${e.by}): ${res.status} ${JSON.stringify(res.body)}`];
      if (res.body.statePath !== e.after) problems.push(`after step ${i + 1} ${e.type}: ${res.body.statePath}, machine: ${e.after}`);
    }
    const [view, history, verify] = await Promise.all([
      t.api.get(`/api/v1/cases/${raised.id}`, p.board.token),
      t.api.get(`/api/v1/cases/${raised.id}/history`, p.board.token),
      t.api.get(`/api/v1/cases/${raised.id}/history/verify`, p.board.token),
    ]);
    if (view.body.statePath !== path.finalPath) problems.push(`ends in ${view.body.statePath}, machine: ${path.finalPath}`);
    const actual = history.body.entries.map((a: any) => `${a.eventType}:${a.toState}:${a.actor.type === 'system' ? 'system' : a.actor.organisationId}`);
    const orgOf = (by: string) => (by === 'system' ? 'system' : this.memberFor(by).organisationId);
    const expected = [`CASE_RAISED:${path.initial}:${p.orgs.vcs}`, ...path.events.map((e) => `${e.type}:${e.after}:${orgOf(e.by)}`)];
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`audit ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    if (!verify.body.valid) problems.push(`chain broken: ${JSON.stringify(verify.body)}`);
    return problems;
  }
}

/** Steps that move the app's clock run together; a step that needs it to stand still runs while none does. */
class ClockGate {
  private movingNow = 0;
  private stillStep: Promise<void> | null = null;
  private readonly idle: Array<() => void> = [];

  async moving<T>(work: () => Promise<T>): Promise<T> {
    while (this.stillStep) await this.stillStep;
    this.movingNow += 1;
    try {
      return await work();
    } finally {
      this.movingNow -= 1;
      if (this.movingNow === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  async still<T>(work: () => Promise<T>): Promise<T> {
    while (this.stillStep) await this.stillStep;
    let release!: () => void;
    this.stillStep = new Promise<void>((resolve) => (release = resolve));
    try {
      while (this.movingNow > 0) await new Promise<void>((wake) => this.idle.push(wake));
      return await work();
    } finally {
      this.stillStep = null;
      release();
    }
  }
}
