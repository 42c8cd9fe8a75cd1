import { AdminAuditEntryEntity } from './admin-audit-entry.entity';
import { AdminAuditHeadEntity } from './admin-audit-head.entity';
import { ApiTokenEntity } from './api-token.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { CaseParticipantEntity } from './case-participant.entity';
import { CaseTimerEntity } from './case-timer.entity';
import { CaseUndertakingEntity } from './case-undertaking.entity';
import { CaseEntity } from './case.entity';
import { OrganisationEntity } from './organisation.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ReferenceCounterEntity } from './reference-counter.entity';
import { SignInLinkEntity } from './sign-in-link.entity';
import { UserEntity } from './user.entity';
import { WebSessionEntity } from './web-session.entity';

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  ApiTokenEntity,
  CaseEntity,
  CaseParticipantEntity,
  CaseUndertakingEntity,
  AuditEntryEntity,
  CaseTimerEntity,
  ReferenceCounterEntity,
  OutboxMessageEntity,
  SignInLinkEntity,
  WebSessionEntity,
  AdminAuditEntryEntity,
  AdminAuditHeadEntity,
];

export {
  AdminAuditEntryEntity,
  AdminAuditHeadEntity,
  ApiTokenEntity,
  AuditEntryEntity,
  CaseEntity,
  CaseParticipantEntity,
  CaseTimerEntity,
  CaseUndertakingEntity,
  OrganisationEntity,
  OutboxMessageEntity,
  ReferenceCounterEntity,
  SignInLinkEntity,
  UserEntity,
  WebSessionEntity,
};
