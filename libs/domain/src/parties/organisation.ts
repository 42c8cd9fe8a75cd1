import { OrganisationKind } from './organisation-kind';

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  createdAt: Date;
}
