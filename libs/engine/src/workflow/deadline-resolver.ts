import type { Deadline, DeadlineRule } from '@compact/calendar';
import type { DeadlineDefinition, DelayEnvironment } from './workflow-definition';

export function describeRule(rule: DeadlineRule): string {
  if (rule.kind === 'working-days') return `${rule.days} working day${rule.days === 1 ? '' : 's'}`;
  return `${rule.months} month${rule.months === 1 ? '' : 's'}`;
}

/**
 * The absolute deadline a workflow's delayed raise stands for: counted on the calendar from the
 * event that set it, or (for time-limit reminders) from the date the claimant became aware.
 */
export function resolveDeadline(
  def: DeadlineDefinition<any>,
  env: DelayEnvironment,
  context: { becameAwareOn: string },
  at: string,
): Deadline {
  const rule = def.rule(env.deadlines);
  if (def.anchor === 'event') return env.clock.deadlineFrom(new Date(at), rule);
  const limit = env.clock.deadlineFromDate(context.becameAwareOn, rule);
  if (!def.before) return limit;
  const before = def.before(env.deadlines);
  return {
    ...limit,
    dueAt: env.clock.before(limit, before),
    rule: `${describeRule(before)} before the ${describeRule(rule)} time limit`,
  };
}
