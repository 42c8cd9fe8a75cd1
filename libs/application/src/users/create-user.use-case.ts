import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, emailAddressProblem, ErrorCode, Repositories, ROLE_ORGANISATION_KINDS, Store, User, UserRole } from '@compact/domain';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { issueApiToken } from '../auth/api-token';
import { Caller, requireRole } from '../auth/caller';
import { Clock } from '../runtime/clock';

export interface CreateUserInput {
  name: string;
  email: string;
  role: UserRole;
  organisationId?: string | null;
}

/** The label of the API token every new user is given. */
export const FIRST_TOKEN_LABEL = 'created with the user';

/**
 * Validates and inserts a user with a first API token, inside the caller's transaction. An email
 * address already taken, even by a create running at the same moment, is ALREADY_EXISTS (the
 * unique index decides).
 */
export async function createUserIn(repos: Repositories, input: CreateUserInput, at: Date): Promise<{ user: User; token: string }> {
  // The one email rule, here too for what reaches no DTO (the command line).
  const emailProblem = emailAddressProblem(input.email.trim());
  if (emailProblem) throw DomainError.validation([{ field: 'email', message: emailProblem }]);
  const allowedKinds = ROLE_ORGANISATION_KINDS[input.role];
  const organisationId = input.organisationId ?? null;
  if (allowedKinds === null && organisationId !== null) {
    throw DomainError.validation([{ field: 'organisationId', message: `a ${input.role} user belongs to no organisation` }]);
  }
  if (allowedKinds !== null && organisationId === null) {
    throw DomainError.validation([{ field: 'organisationId', message: `a ${input.role} user must belong to an organisation` }]);
  }
  if (organisationId !== null) {
    const organisation = await repos.organisations.findById(organisationId);
    if (!organisation) {
      throw DomainError.validation([{ field: 'organisationId', message: `no organisation has the id '${organisationId}'` }]);
    }
    if (!allowedKinds!.includes(organisation.kind)) {
      throw DomainError.validation([
        { field: 'organisationId', message: `a ${input.role} user cannot belong to a ${organisation.kind} organisation` },
      ]);
    }
  }
  const email = input.email.trim().toLowerCase();
  const user: User = { id: randomUUID(), name: input.name.trim(), email, role: input.role, organisationId, createdAt: at, deactivatedAt: null };
  if (!(await repos.users.insert(user))) {
    const existing = await repos.users.findByEmail(email);
    const status = existing?.deactivatedAt ? ' (deactivated)' : '';
    throw new DomainError(ErrorCode.ALREADY_EXISTS, `A user with the email address ${email} already exists${status}`);
  }
  const { token, hash } = issueApiToken();
  await repos.users.addToken(user.id, hash, FIRST_TOKEN_LABEL, at);
  return { user, token };
}

/** What the administration trail says of a person added. */
export function userDetails(user: User): Record<string, unknown> {
  return { name: user.name, email: user.email, role: user.role, organisationId: user.organisationId };
}

@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates the user with a first API token; the token is returned here and never again. `caller` null: the CLI. */
  async execute(caller: Caller | null, input: CreateUserInput): Promise<{ user: User; token: string }> {
    if (caller) requireRole(caller, 'admin');
    const at = this.clock.now();
    return this.store.write(async (r) => {
      const created = await createUserIn(r, input, at);
      await recordAdminAction(r, {
        actor: adminActorOf(caller),
        action: 'USER_CREATED',
        subject: { type: 'user', id: created.user.id },
        details: { ...userDetails(created.user), apiTokenLabel: FIRST_TOKEN_LABEL },
        at,
      });
      return created;
    });
  }
}
