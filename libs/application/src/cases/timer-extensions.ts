import { randomUUID } from 'node:crypto';
import { CaseRecord, DomainError, ErrorCode, Repositories } from '@compact/domain';
import { TimerPlan, WorkflowRuntime } from '@compact/engine';

/** How a deadline moved, as the audit entry of the change that moved it records it. */
export interface DeadlineMoved {
  deadline: string;
  workingDays: number;
  from: { dueAt: string; dueDate: string };
  to: { dueAt: string; dueDate: string };
}

/**
 * Carries out the extensions a change agreed (part of the one path every change takes): each named
 * pending deadline moves later by its working days, counted on the case's own calendar from its
 * due date, with its reminder planned anew. Answers what moved, for the audit entry.
 */
export async function moveTimers(
  repos: Repositories,
  record: CaseRecord,
  runtime: WorkflowRuntime,
  extend: TimerPlan['extend'],
  at: Date,
): Promise<DeadlineMoved[]> {
  if (extend.length === 0) return [];
  const timers = await repos.timers.listByCase(record.id);
  const moved: DeadlineMoved[] = [];
  for (const { key, workingDays } of extend) {
    const timer = timers.find((t) => t.key === key && t.purpose === 'deadline');
    if (!timer) throw new DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, `The deadline ${key} is no longer pending, so it cannot be extended`);
    const to = runtime.env.clock.extend(timer, { kind: 'working-days', days: workingDays });
    await repos.timers.move(timer.id, { dueAt: to.dueAt, dueDate: to.dueDate, rule: to.rule, extendedDays: timer.extendedDays + workingDays });
    await repos.timers.cancel(record.id, [`${key}:reminder`]);
    const reminder = runtime.reminderBefore(key, to, at.toISOString());
    if (reminder) await repos.timers.insert([{ ...reminder, id: randomUUID(), caseId: record.id, createdAt: at }]);
    moved.push({
      deadline: key,
      workingDays,
      from: { dueAt: timer.dueAt.toISOString(), dueDate: timer.dueDate },
      to: { dueAt: to.dueAt.toISOString(), dueDate: to.dueDate },
    });
  }
  return moved;
}
