import { Organisation, OrganisationKind, User, UserRole } from '@compact/domain';
import { OrganisationEntity } from '../entities/organisation.entity';
import { UserEntity } from '../entities/user.entity';

export const organisationMapper = {
  toDomain(e: OrganisationEntity): Organisation {
    return { id: e.id, name: e.name, kind: e.kind as OrganisationKind, createdAt: e.createdAt };
  },
  toEntity(o: Organisation): OrganisationEntity {
    return Object.assign(new OrganisationEntity(), {
      id: o.id,
      name: o.name,
      nameKey: o.name.trim().toLowerCase(),
      kind: o.kind,
      createdAt: o.createdAt,
    });
  },
};

export const userMapper = {
  toDomain(e: UserEntity): User {
    return {
      id: e.id,
      name: e.name,
      email: e.email,
      role: e.role as UserRole,
      organisationId: e.organisationId,
      createdAt: e.createdAt,
      deactivatedAt: e.deactivatedAt ?? null,
    };
  },
  toEntity(u: User): UserEntity {
    return Object.assign(new UserEntity(), { ...u, email: u.email.toLowerCase() });
  },
};
