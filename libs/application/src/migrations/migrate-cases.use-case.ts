import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, CaseRecord, CaseTimer, DEFAULT_COMPACT_DEADLINES, DomainError, ErrorCode, Repositories, Store } from '@compact/domain';
import { canonicalJson, deadlineOf, InstalledWorkflow, PlannedTimer, Transitioned, WorkflowMigration } from '@compact/engine';
import { WORKFLOW_MIGRATIONS } from '@compact/workflows';
import { actorOf, Caller, requireRole } from '../auth/caller';
import { CaseChangeWriter } from '../cases/case-change.writer';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';

export interface MigrateCasesInput {
  /** `compact-dispute/v1`. */
  from: string;
  to: string;
  /** Only this case (it must be on `from`). */
  caseId?: string;
  dryRun?: boolean;
  /** Why the cases are moved; recorded in each case's audit trail. */
  reason: string;
}

/** One deadline of a migrated case: its due time before (null when the old state had none) and after. */
export interface MigratedDeadline {
  key: string;
  label: string;
  before: string | null;
  after: string;
}

export interface MigrationReport {
  from: string;
  to: string;
  dryRun: boolean;
  migrated: Array<{ caseId: string; reference: string; fromState: string; toState: string; why: string; deadlines: MigratedDeadline[]; removed: string[] }>;
  refused: Array<{ caseId: string; reference: string; state: string; reason: string }>;
}

const PAGE = 100;
const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** The case's state in the new version, as the migration plans it (nothing written yet). */
interface Plan {
  record: CaseRecord;
  target: InstalledWorkflow;
  toState: string;
  entered: Transitioned;
  keep: Map<string, CaseTimer>;
  old: CaseTimer[];
}

/**
 * Moves running cases from one released workflow version to another through the mapping declared
 * beside the newer version, each case in one transaction through the one path of every change: the
 * new snapshot and version, the deadlines the new state has (those already given keep their due
 * times; one the old state did not have is counted from the migration), and a WORKFLOW_MIGRATED
 * audit entry with both versions, the reason and digests of the old and new snapshots. A dry run
 * reports the same and writes nothing. A case the mapping does not cover is refused by name; the
 * others still move. Run again, it finds nothing left on the old version.
 */
@Injectable()
export class MigrateCasesUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly writer: CaseChangeWriter,
  ) {}

  async execute(caller: Caller | null, input: MigrateCasesInput): Promise<MigrationReport> {
    if (caller) requireRole(caller, 'admin');
    const migration = this.migration(input.from, input.to);
    const report: MigrationReport = { from: input.from, to: input.to, dryRun: Boolean(input.dryRun), migrated: [], refused: [] };
    const actor: Actor = caller ? actorOf(caller) : { type: 'cli' };
    for (const id of await this.casesToMove(migration, input.caseId)) {
      const work = async (repos: Repositories) => {
        const record = await repos.cases.findById(id, { lock: !input.dryRun });
        // Moved meanwhile (another run): nothing to do, and nothing to say.
        if (!record || record.workflowName !== migration.from.name || record.workflowVersion !== migration.from.version) return;
        const toState = migration.states[record.statePath];
        if (!toState) {
          report.refused.push({ caseId: id, reference: record.reference, state: record.statePath, reason: this.refusal(migration, record.statePath) });
          return;
        }
        const plan = await this.plan(repos, migration, record, toState);
        report.migrated.push({ ...this.describe(plan), why: migration.reasons[record.statePath] ?? '' });
        if (!input.dryRun) await this.write(repos, plan, migration, input.reason, actor);
      };
      await (input.dryRun ? this.store.read(work) : this.store.write(work));
    }
    return report;
  }

  private migration(from: string, to: string): WorkflowMigration {
    const found = WORKFLOW_MIGRATIONS.find((m) => `${m.from.name}/v${m.from.version}` === from && `${m.to.name}/v${m.to.version}` === to);
    if (!found) {
      const declared = WORKFLOW_MIGRATIONS.map((m) => `${m.from.name}/v${m.from.version} -> ${m.to.name}/v${m.to.version}`).join(', ');
      throw DomainError.validation([{ field: 'to', message: `no migration from ${from} to ${to} is declared; declared: ${declared}` }]);
    }
    return found;
  }

  private async casesToMove(migration: WorkflowMigration, caseId: string | undefined): Promise<string[]> {
    if (caseId) {
      const record = await this.store.read((r) => r.cases.findById(caseId));
      if (!record) throw DomainError.notFound('Case', caseId);
      if (record.workflowName !== migration.from.name || record.workflowVersion !== migration.from.version) {
        throw new DomainError(
          ErrorCode.TRANSITION_NOT_ALLOWED,
          `Case ${record.reference} is on ${record.workflowName}/v${record.workflowVersion}, not ${migration.from.name}/v${migration.from.version}`,
        );
      }
      return [caseId];
    }
    const ids: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await this.store.read((r) => r.cases.listIdsOnWorkflow(migration.from.name, migration.from.version, after, PAGE));
      ids.push(...page);
      if (page.length < PAGE) return ids;
      after = page[page.length - 1];
    }
  }

  private refusal(migration: WorkflowMigration, state: string): string {
    const why = migration.reasons[state];
    return `state '${state}' is not covered by the migration to ${migration.to.name}/v${migration.to.version}${why ? `: ${why}` : ''}`;
  }

  /** The new state entered as from outside, and which deadlines already given keep their due times. */
  private async plan(repos: Repositories, migration: WorkflowMigration, record: CaseRecord, toState: string): Promise<Plan> {
    const target = this.registry.definition(migration.to.name, migration.to.version);
    // Deadline lengths the newer version needs that the case's recorded rules predate take the Compact's defaults.
    const rules = { ...record.rules, deadlines: { ...DEFAULT_COMPACT_DEADLINES, ...record.rules.deadlines } };
    const runtime = this.registry.runtime(target.name, target.version, rules);
    const context = migration.context((record.snapshot as { context: unknown }).context);
    const entered = runtime.enter(toState, context, this.clock.now().toISOString());
    const old = await repos.timers.listByCase(record.id);
    const keep = new Map(old.filter((t) => entered.timers.set.some((s) => s.key === t.key)).map((t) => [t.key, t]));
    // A reminder of a deadline kept as it was is kept only if it had not gone out already.
    const set = entered.timers.set.filter((t: PlannedTimer) => !(t.deadlineKey && keep.has(t.deadlineKey) && !keep.has(t.key)));
    return { record: { ...record, rules }, target, toState, entered: { ...entered, timers: { cancel: old.map((t) => t.key), set, extend: [] } }, keep, old };
  }

  private describe(plan: Plan): MigrationReport['migrated'][number] & { why: string } {
    const label = (key: string) => {
      const found = deadlineOf(plan.target, key.replace(/:reminder$/, ''));
      return found ? `${key.endsWith(':reminder') ? 'Reminder: ' : ''}${found.def.label}` : key;
    };
    return {
      caseId: plan.record.id,
      reference: plan.record.reference,
      fromState: plan.record.statePath,
      toState: plan.toState,
      why: '',
      deadlines: plan.entered.timers.set.map((t) => ({
        key: t.key,
        label: label(t.key),
        before: plan.old.find((o) => o.key === t.key)?.dueAt.toISOString() ?? null,
        after: (plan.keep.get(t.key)?.dueAt ?? t.dueAt).toISOString(),
      })),
      removed: plan.old.filter((o) => !plan.entered.timers.set.some((t) => t.key === o.key)).map((o) => o.key),
    };
  }

  private async write(repos: Repositories, plan: Plan, migration: WorkflowMigration, reason: string, actor: Actor): Promise<void> {
    const runtime = this.registry.runtime(plan.target.name, plan.target.version, plan.record.rules);
    const { record, entered } = plan;
    await this.writer.apply(repos, record, {
      runtime,
      eventType: 'WORKFLOW_MIGRATED',
      payload: {
        reason,
        from: `${migration.from.name}/v${migration.from.version}`,
        to: `${migration.to.name}/v${migration.to.version}`,
        fromState: record.statePath,
        toState: plan.toState,
        snapshotDigests: { before: sha256(record.snapshot), after: sha256(entered.persisted) },
        deadlines: this.describe(plan).deadlines.map(({ key, before, after }) => ({ key, before, after })),
      },
      fromPath: record.statePath,
      next: entered,
      actor,
      at: this.clock.now(),
      cause: { kind: 'migration', keep: plan.keep },
    });
  }
}
