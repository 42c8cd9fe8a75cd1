import { UserRole } from './user-role';

export interface User {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  organisationId: string | null;
  createdAt: Date;
  /** When an administrator took this person's access away (tokens, sessions, sign-in, mail); null while active. */
  deactivatedAt: Date | null;
}
