import { UserRole } from './user-role';

/** Who sends an event: a signed-in user, the system (timers), or an operator on the command line (a migration). */
export type Actor =
  | { type: 'user'; userId: string; organisationId: string | null; role: UserRole }
  | { type: 'system' }
  | { type: 'cli' };

export const SYSTEM_ACTOR: Actor = { type: 'system' };
