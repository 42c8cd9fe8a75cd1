import { Actor, AuditEntry, UserRole } from '@compact/domain';
import { AuditEntryEntity } from '../entities/audit-entry.entity';

export const auditEntryMapper = {
  toDomain(e: AuditEntryEntity): AuditEntry {
    const actor: Actor =
      e.actorType === 'system' || e.actorType === 'cli'
        ? { type: e.actorType }
        : { type: 'user', userId: e.actorUserId ?? '', organisationId: e.actorOrgId, role: e.actorRole as UserRole };
    return {
      caseId: e.caseId,
      seq: e.seq,
      at: e.at,
      actor,
      eventType: e.eventType,
      fromState: e.fromState,
      toState: e.toState,
      payload: JSON.parse(e.payload) as Record<string, unknown>,
      ...(Number(e.format) === 2 ? { format: 2 as const, payloadDigest: e.payloadDigest ?? '' } : {}),
      prevHash: e.prevHash,
      hash: e.hash,
    };
  },
  toEntity(a: AuditEntry): AuditEntryEntity {
    const user = a.actor.type === 'user' ? a.actor : null;
    return Object.assign(new AuditEntryEntity(), {
      caseId: a.caseId,
      seq: a.seq,
      at: a.at,
      actorType: a.actor.type,
      actorUserId: user?.userId ?? null,
      actorOrgId: user?.organisationId ?? null,
      actorRole: user?.role ?? null,
      eventType: a.eventType,
      fromState: a.fromState,
      toState: a.toState,
      payload: JSON.stringify(a.payload),
      format: a.format ?? 1,
      payloadDigest: a.payloadDigest ?? null,
      prevHash: a.prevHash,
      hash: a.hash,
    });
  },
};
