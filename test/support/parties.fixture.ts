import { ApiClient } from './api-client';
import { ADMIN_TOKEN } from './test-app';

export interface Member {
  userId: string;
  token: string;
  organisationId: string | null;
}

/** Two organisations of each kind and a user for each, plus a board member and a second admin. */
export interface Parties {
  admin: Member;
  vcs: Member;
  vcs2: Member;
  council: Member;
  council2: Member;
  mediator: Member;
  mediator2: Member;
  board: Member;
  orgs: { vcs: string; vcs2: string; council: string; council2: string; mediator: string; mediator2: string };
}

async function ok<T>(promise: Promise<{ status: number; body: T }>, expected = 201): Promise<T> {
  const res = await promise;
  if (res.status !== expected) throw new Error(`fixture request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function seedParties(api: ApiClient, suffix = ''): Promise<Parties> {
  const org = async (name: string, kind: string) =>
    (await ok<{ id: string }>(api.post('/api/v1/organisations', { name: name + suffix, kind }, ADMIN_TOKEN))).id;
  const orgs = {
    vcs: await org('Hope Community Trust', 'vcs'),
    vcs2: await org('Riverside Youth Project', 'vcs'),
    council: await org('Southampton City Council', 'public-body'),
    council2: await org('Hampshire Clinical Commissioning', 'public-body'),
    mediator: await org('Compact Voice', 'mediator'),
    mediator2: await org('Solent Mediation Service', 'mediator'),
  };
  let n = 0;
  const user = async (role: string, organisationId: string | null): Promise<Member> => {
    n += 1;
    const body = { name: `User ${n}`, email: `user${n}${suffix.replace(/\W/g, '')}@example.org`, role, organisationId };
    const created = await ok<{ id: string; token: string }>(api.post('/api/v1/users', body, ADMIN_TOKEN));
    return { userId: created.id, token: created.token, organisationId };
  };
  return {
    admin: { userId: '', token: ADMIN_TOKEN, organisationId: null },
    vcs: await user('party', orgs.vcs),
    vcs2: await user('party', orgs.vcs2),
    council: await user('party', orgs.council),
    council2: await user('party', orgs.council2),
    mediator: await user('mediator', orgs.mediator),
    mediator2: await user('mediator', orgs.mediator2),
    board: await user('board', null),
    orgs,
  };
}

/** A breach of 4.5 raised by the VCS user against the council. */
export function breachOf45(parties: Parties, extra: Record<string, unknown> = {}) {
  return {
    respondentOrganisationId: parties.orgs.council,
    kind: 'breach',
    title: 'Funding ended without three months notice',
    summary: 'Our grant was ended with two weeks notice and no written rationale.',
    desiredOutcome: 'Reinstate funding for the notice period.',
    becameAwareOn: '2026-11-02',
    undertakings: ['4.5'],
    ...extra,
  };
}
