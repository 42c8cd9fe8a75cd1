import { CaseRecord, CaseRules, CompactIndex, DomainError, ErrorCode } from '@compact/domain';
import { CompressedDeadlineClock, DeadlineClock, WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { canonicalJson, InstalledWorkflow, WorkflowRuntime } from '@compact/engine';
import { WORKFLOWS } from '@compact/workflows';
import { installedStages, StageLabel } from './installed-stages';

export function createDeadlineClock(unit: CaseRules['calendar']['unit'], closures: string[]): DeadlineClock {
  return unit === 'seconds'
    ? new CompressedDeadlineClock()
    : new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: closures }));
}

/** What the registry needs of the configuration: the calendar in force, and the version new cases start on. */
export interface RegistrySettings {
  deadlineUnit: CaseRules['calendar']['unit'];
  calendarClosures: string[];
  /** `compact-dispute/v2`. */
  defaultWorkflow: string;
}

/**
 * Every released workflow version, and each case's runtime: its own version bound to the rules it
 * was raised under (deadline lengths, calendar), never to today's configuration.
 */
export class WorkflowRegistry {
  private readonly installed = new Map<string, InstalledWorkflow>();
  private readonly runtimes = new Map<string, WorkflowRuntime>();
  private readonly clocks = new Map<string, DeadlineClock>();
  readonly default: InstalledWorkflow;
  private readonly stagesOfAll: StageLabel[];

  constructor(
    readonly compact: CompactIndex,
    private readonly settings: RegistrySettings,
    workflows: readonly InstalledWorkflow[] = WORKFLOWS,
  ) {
    for (const definition of workflows) this.installed.set(`${definition.name}/v${definition.version}`, definition);
    const chosen = this.installed.get(settings.defaultWorkflow);
    if (!chosen) throw new Error(`WORKFLOW_DEFAULT '${settings.defaultWorkflow}' is not installed; installed: ${this.keys().join(', ')}`);
    this.default = chosen;
    this.stagesOfAll = installedStages(this.all());
  }

  /** `compact-dispute/v1`, … in the order they were released. */
  keys(): string[] {
    return [...this.installed.keys()];
  }

  /** Every installed version, oldest first. */
  all(): InstalledWorkflow[] {
    return [...this.installed.values()];
  }

  /**
   * The top-level states of every installed version, in escalation order with their labels: what
   * the board counts and the case lists filter on, for a deployment holding cases of several versions.
   */
  stages(): StageLabel[] {
    return this.stagesOfAll.map((s) => ({ ...s }));
  }

  definition(name: string, version: number): InstalledWorkflow {
    const definition = this.installed.get(`${name}/v${version}`);
    if (!definition) throw new DomainError(ErrorCode.INTERNAL, `Workflow ${name}/v${version} is not installed in this release`);
    return definition;
  }

  /** The definition of a case's own version. */
  of(record: Pick<CaseRecord, 'workflowName' | 'workflowVersion'>): InstalledWorkflow {
    return this.definition(record.workflowName, record.workflowVersion);
  }

  /** The rules a case raised now is recorded with. */
  rulesInForce(): CaseRules {
    const closures = [...new Set(this.settings.calendarClosures)].sort();
    const id = createDeadlineClock(this.settings.deadlineUnit, closures).id;
    return { deadlines: { ...this.compact.catalog.deadlines }, calendar: { unit: this.settings.deadlineUnit, region: 'england-and-wales', closures, id } };
  }

  /** A case's runtime: its own version, on its own rules. */
  runtimeFor(record: Pick<CaseRecord, 'workflowName' | 'workflowVersion' | 'rules'>): WorkflowRuntime {
    return this.runtime(record.workflowName, record.workflowVersion, record.rules);
  }

  runtime(name: string, version: number, rules: CaseRules): WorkflowRuntime {
    const key = `${name}/v${version}|${canonicalJson(rules)}`;
    let runtime = this.runtimes.get(key);
    if (!runtime) {
      runtime = new WorkflowRuntime(this.definition(name, version), { clock: this.clockFor(rules), deadlines: rules.deadlines });
      this.runtimes.set(key, runtime);
    }
    return runtime;
  }

  /** The deadline clock a case's rules count on. */
  clockFor(rules: CaseRules): DeadlineClock {
    const key = canonicalJson({ unit: rules.calendar.unit, closures: rules.calendar.closures });
    let clock = this.clocks.get(key);
    if (!clock) {
      clock = createDeadlineClock(rules.calendar.unit, rules.calendar.closures);
      this.clocks.set(key, clock);
    }
    return clock;
  }
}
