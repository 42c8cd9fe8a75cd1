import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Repositories, ROLE_ORGANISATION_KINDS, Store, User, UserRole } from '@compact/domain';
import { issueApiToken } from '../auth/api-token';
import { Caller, requireRole } from '../auth/caller';
import { Clock } from '../runtime/clock';

export interface CreateUserInput {
  name: string;
  email: string;
  role: UserRole;
  organisationId?: string | null;
}

/** Validates and inserts a user with a first API token, inside the caller's transaction. */
export async function createUserIn(repos: Repositories, input: CreateUserInput, at: Date): Promise<{ user: User; token: string }> {
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
  const existing = await repos.users.findByEmail(email);
  if (existing) {
    const status = existing.deactivatedAt ? ' (deactivated)' : '';
    throw new DomainError(ErrorCode.ALREADY_EXISTS, `A user with the email address ${email} already exists${status}`);
  }
  const user: User = { id: randomUUID(), name: input.name.trim(), email, role: input.role, organisationId, createdAt: at, deactivatedAt: null };
  await repos.users.insert(user);
  const { token, hash } = issueApiToken();
  await repos.users.addToken(user.id, hash, 'created with the user', at);
  return { user, token };
}

@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates the user with a first API token; the token is returned here and never again. */
  async execute(caller: Caller | null, input: CreateUserInput): Promise<{ user: User; token: string }> {
    if (caller) requireRole(caller, 'admin');
    return this.store.write((r) => createUserIn(r, input, this.clock.now()));
  }
}
