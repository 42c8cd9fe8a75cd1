import { UserRole } from './user-role';

/** Who sends an event: a signed-in user, or the system (timers). */
export type Actor =
  | { type: 'user'; userId: string; organisationId: string | null; role: UserRole }
  | { type: 'system' };

export const SYSTEM_ACTOR: Actor = { type: 'system' };
