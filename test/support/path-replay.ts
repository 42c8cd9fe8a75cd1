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

  constructor(
    private readonly t: TestApp,
    private readonly p: Parties,
    private readonly clock: ManualClock,
    /** The workflow version new cases must start on. */
    private readonly version: number,
    /** The fields of the raised case beside the fixture's (breachOf45). */
    private readonly raiseWith: () => Record<string, unknown>,
    /** A payload as sent, from the traversal's (dates that must not be past, say); the real mediator is put in anyway. */
    private readonly adapt: (payload: Record<string, unknown>) => Record<string, unknown> = (payload) => payload,
  ) {
    this.f = new CaseFactory(t.api, p);
    this.timers = t.app.get(FireDueTimersUseCase);
    this.store = t.app.get(Store);
  }

  memberFor(by: string): Member {
    return ({ claimant: this.p.vcs, respondent: this.p.council, mediator: this.p.mediator, admin: this.p.admin } as Record<string, Member>)[by]!;
  }

  /** A deadline event: the case's own timer row for it, fired by the app's timer use case once the clock reaches it. */
  async fireDeadline(caseId: string, eventType: string): Promise<string> {
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
      const adapted = this.adapt(e.payload);
      const payload = 'mediatorOrganisationId' in adapted ? { ...adapted, mediatorOrganisationId: p.orgs.mediator } : adapted;
      const res = await t.api.event(raised.id, { type: e.type, ...payload }, this.memberFor(e.by).token);
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
