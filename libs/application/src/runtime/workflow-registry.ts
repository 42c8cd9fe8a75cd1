import { CompactIndex, DomainError, ErrorCode } from '@compact/domain';
import { CompressedDeadlineClock, DeadlineClock, WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { WorkflowDefinition, WorkflowRuntime } from '@compact/engine';
import { CURRENT_WORKFLOW, WORKFLOWS } from '@compact/workflows';

export function createDeadlineClock(unit: 'working-days' | 'seconds', closures: string[]): DeadlineClock {
  return unit === 'seconds'
    ? new CompressedDeadlineClock()
    : new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: closures }));
}

/** Every released workflow version, each bound to the deadline clock and the Compact's deadline lengths. */
export class WorkflowRegistry {
  private readonly runtimes = new Map<string, WorkflowRuntime>();

  constructor(
    readonly compact: CompactIndex,
    readonly clock: DeadlineClock,
    workflows: readonly WorkflowDefinition[] = WORKFLOWS,
    readonly current: WorkflowDefinition = CURRENT_WORKFLOW,
  ) {
    for (const definition of workflows) {
      const runtime = new WorkflowRuntime(definition, { clock, deadlines: compact.catalog.deadlines });
      this.runtimes.set(runtime.key, runtime);
    }
  }

  get(name: string, version: number): WorkflowRuntime {
    const runtime = this.runtimes.get(`${name}/v${version}`);
    if (!runtime) throw new DomainError(ErrorCode.INTERNAL, `Workflow ${name}/v${version} is not installed in this release`);
    return runtime;
  }

  currentRuntime(): WorkflowRuntime {
    return this.get(this.current.name, this.current.version);
  }
}
