import { CompressedDeadlineClock, Deadline, describeDeadlineRule } from '@compact/calendar';
import type { DeadlineDefinition, DelayEnvironment } from './workflow-definition';

/**
 * The absolute deadline a workflow's delayed raise stands for: counted on the calendar from the
 * event that set it, or (time-limit reminders) from the date the claimant became aware or the date
 * of the decision the case is about. On the
 * compressed demo clock a calendar date has no meaning, so such limits count from when the case
 * was raised.
 */
export function resolveDeadline(
  def: DeadlineDefinition<any>,
  env: DelayEnvironment,
  context: { becameAwareOn: string; raisedAt: string; decisionDate?: string | null },
  at: string,
  instance?: string,
): Deadline {
  const rule = def.rule(env.deadlines, context, instance);
  if (def.anchor === 'event') return env.clock.deadlineFrom(new Date(at), rule);
  const from = def.anchor === 'decision' ? context.decisionDate : context.becameAwareOn;
  if (!from) throw new Error(`deadline ${def.key} is counted from a date this case does not have (${def.anchor})`);
  const limit =
    env.clock instanceof CompressedDeadlineClock
      ? env.clock.deadlineFrom(new Date(context.raisedAt), rule)
      : env.clock.deadlineFromDate(from, rule);
  if (!def.before) return limit;
  const before = def.before(env.deadlines);
  return {
    ...limit,
    dueAt: env.clock.before(limit, before),
    rule: `${describeDeadlineRule(before)} before the ${describeDeadlineRule(rule)} time limit`,
  };
}
