/**
 * A deadline or reminder waiting in the database. Deadlines feed `eventType` back into the case's
 * workflow as the system when `dueAt` passes; reminders only send mail and leave an audit entry.
 */
export interface CaseTimer {
  id: string;
  caseId: string;
  /** The workflow's id for the delayed event (`deadline.acknowledgement`), unique per case. */
  key: string;
  purpose: 'deadline' | 'reminder';
  eventType: string;
  dueAt: Date;
  /** The last local day (YYYY-MM-DD, Europe/London) on which the action is in time. */
  dueDate: string;
  /** The rule that produced it (`5 working days`) and the calendar it was counted on. */
  rule: string;
  calendarId: string;
  /** The deadline a reminder belongs to, if it is one. */
  deadlineKey: string | null;
  /** Working days added by agreed extensions since the deadline was set (capped per deadline). */
  extendedDays: number;
  createdAt: Date;
}
