import { AdminAction, AdminActor, AdminAuditEntry, AdminSubject, CLI_ACTOR, Repositories } from '@compact/domain';
import { sealAdminAuditEntry } from '@compact/engine';
import { actorOf, Caller } from '../auth/caller';

/** Who an administrative use case acts for: the signed-in caller, or (null) the command line. */
export function adminActorOf(caller: Caller | null): AdminActor {
  return caller ? actorOf(caller) : CLI_ACTOR;
}

export interface AdminActionFacts {
  actor: AdminActor;
  action: AdminAction;
  subject: AdminSubject;
  /** What a reader needs to know (names, addresses, labels); never a secret. */
  details: Record<string, unknown>;
  at: Date;
}

/**
 * Appends an administrative action to the deployment's trail, inside the caller's transaction (so
 * the entry is committed with the action or not at all). Call it last in the transaction: it
 * holds the trail's head (a row lock on PostgreSQL) until the commit.
 */
export async function recordAdminAction(repos: Repositories, facts: AdminActionFacts): Promise<AdminAuditEntry> {
  const head = await repos.adminAudit.lockHead();
  const { at, ...rest } = facts;
  const entry = sealAdminAuditEntry({ ...rest, at: at.toISOString() }, head.seq > 0 ? head : null);
  await repos.adminAudit.append(entry);
  return entry;
}
