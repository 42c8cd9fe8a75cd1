import { randomUUID } from 'node:crypto';
import { CaseOutcome, CaseRecord, Store } from '@compact/domain';
import { WorkflowRegistry } from '@compact/application';
import { randomFrom } from './seeded-random';
import { TestApp } from './test-app';

const DAY = 86_400_000;

export interface SeedOrganisations {
  publicBodies: string[];
  /** A public body with exactly two cases against it and one raised by it (figures the register must withhold). */
  rareBody: string;
  vcs: string[];
}

export interface SeedShape {
  count: number;
  now: Date;
  orgs: SeedOrganisations;
  createdBy: string;
  /** Undertakings cited by most cases, and one cited by exactly three. */
  undertakings: string[];
  rareUndertaking: string;
  /** Top-level states a resolved case may have been resolved at. */
  stages: string[];
  titleOf: (i: number) => string;
}

/**
 * Case rows as the product writes them (through its own CaseRepository, in a few transactions):
 * outcomes, dates over about two and a half years before `now`, undertakings, public bodies and
 * kept summaries all varied, with a few figures small enough to be withheld.
 */
export async function seedRegisterCases(t: TestApp, shape: SeedShape): Promise<CaseRecord[]> {
  const random = randomFrom(13);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const rules = t.app.get(WorkflowRegistry).rulesInForce();
  const now = shape.now.getTime();
  const records: CaseRecord[] = [];
  for (let i = 0; i < shape.count; i++) {
    const createdAt = new Date(now - Math.floor((1 + random() * 900) * DAY));
    const rare = i < 3;
    const againstRare = i >= 3 && i < 5;
    const byRare = i === 5;
    let claimant: string;
    let respondent: string;
    if (againstRare) [claimant, respondent] = [pick(shape.orgs.vcs), shape.orgs.rareBody];
    else if (byRare) [claimant, respondent] = [shape.orgs.rareBody, pick(shape.orgs.vcs)];
    else if (random() < 0.8) [claimant, respondent] = [pick(shape.orgs.vcs), pick(shape.orgs.publicBodies)];
    else [claimant, respondent] = [pick(shape.orgs.publicBodies), pick(shape.orgs.vcs)];
    const undertakingIds = rare ? [shape.rareUndertaking] : [...new Set([pick(shape.undertakings), ...(random() < 0.3 ? [pick(shape.undertakings)] : [])])];
    const roll = random();
    let outcome: CaseOutcome = 'open';
    let resolvedAt: Date | null = null;
    let resolvedStage: string | null = null;
    let updatedAt = new Date(Math.min(now - 60_000, createdAt.getTime() + Math.floor(random() * 30 * DAY)));
    const later = (days: number) => new Date(createdAt.getTime() + Math.floor((0.5 + random() * days) * DAY));
    if (roll < 0.55) {
      const at = later(150);
      if (at.getTime() < now - 60_000) {
        resolvedAt = at;
        resolvedStage = pick(shape.stages);
        outcome = roll < 0.4 ? 'resolved' : roll < 0.47 ? 'monitoring' : 'closed';
        updatedAt = outcome === 'closed' ? new Date(Math.min(now - 1000, at.getTime() + DAY)) : at;
      }
    } else if (roll < 0.75) {
      const at = later(60);
      if (at.getTime() < now - 60_000) {
        outcome = 'withdrawn';
        updatedAt = at;
      }
    } else if (roll < 0.8) {
      outcome = 'closed';
    }
    if (updatedAt.getTime() < createdAt.getTime()) updatedAt = createdAt;
    records.push({
      id: randomUUID(),
      reference: `SEED-${createdAt.getUTCFullYear()}-${String(i + 1).padStart(4, '0')}`,
      compactId: 'southampton',
      workflowName: 'compact-dispute',
      workflowVersion: 2,
      kind: random() < 0.7 ? 'breach' : 'disagreement',
      title: shape.titleOf(i),
      summary: `Summary of seeded case ${i}, which must never be published.`,
      desiredOutcome: null,
      becameAwareOn: createdAt.toISOString().slice(0, 10),
      claimantOrganisationId: claimant,
      respondentOrganisationId: respondent,
      mediatorOrganisationId: null,
      undertakingIds,
      state: 'negotiation',
      statePath: 'negotiation.discussing',
      stateValue: { negotiation: 'discussing' },
      snapshot: {},
      version: 1,
      auditSeq: 0,
      auditHead: '0'.repeat(64),
      participants: [
        { organisationId: claimant, part: 'claimant' },
        { organisationId: respondent, part: 'respondent' },
      ],
      rules,
      outcome,
      deadlinesMet: Math.floor(random() * 4),
      deadlinesMissed: random() < 0.3 ? 1 + Math.floor(random() * 2) : 0,
      resolvedAt,
      resolvedStage,
      createdByUserId: shape.createdBy,
      createdAt,
      updatedAt,
    });
  }
  const store = t.app.get(Store);
  for (let i = 0; i < records.length; i += 100) {
    const batch = records.slice(i, i + 100);
    await store.write(async (r) => {
      for (const record of batch) await r.cases.insert(record);
    });
  }
  return records;
}
