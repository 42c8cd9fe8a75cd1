import { DomainError, ErrorCode, Repositories, User } from '@compact/domain';

/** Whom an admin operation is about: by id (API and pages) or by email address (command line). */
export type UserTarget = { id: string } | { email: string };

/** The user the target names, or NOT_FOUND saying what was looked for. */
export async function findTargetUser(repos: Repositories, target: UserTarget): Promise<User> {
  const user = 'id' in target ? await repos.users.findById(target.id) : await repos.users.findByEmail(target.email);
  if (!user) {
    throw new DomainError(ErrorCode.NOT_FOUND, 'id' in target ? `No user has the id '${target.id}'` : `No user has the email address ${target.email}`);
  }
  return user;
}
