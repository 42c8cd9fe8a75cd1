import type { BoardStatistics } from '@compact/application';
import { ORGANISATION_KINDS } from '@compact/domain';
import { arrayOf, integer, nullable, objectOf, oneOfValues, Schema, text, uuid } from './schema-builders';

type Of<K extends keyof BoardStatistics> = BoardStatistics[K] extends Array<infer T> ? T : BoardStatistics[K];

const count = (description?: string) => integer(description, { minimum: 0 });
const stage = text('A top-level state of some installed workflow version, e.g. negotiation');

const BoardStatisticsSchema = objectOf<BoardStatistics>(
  {
    totalCases: count('Every case, whichever workflow version it runs on'),
    byStage: arrayOf(
      objectOf<Of<'byStage'>>({ stage, label: text(), count: count() }),
      'One row per top-level state of every installed version, in escalation order; each case counts at its own state',
    ),
    byUndertaking: arrayOf(objectOf<Of<'byUndertaking'>>({ undertaking: text('An undertaking id, e.g. 4.5'), count: count() }), 'Most cited first'),
    medianDaysInStage: arrayOf(
      objectOf<Of<'medianDaysInStage'>>({
        stage,
        label: text(),
        medianDays: nullable({ type: 'number', minimum: 0 }, 'Over the stays that have ended, to a tenth of a day; null when none has'),
        completedStays: count('Stays in the stage that have ended'),
      }),
      'Stages a case can leave (final ones are left out)',
    ),
    deadlines: objectOf<BoardStatistics['deadlines']>(
      {
        met: count(),
        missed: count(),
        counted: arrayOf(text(), 'What these deadlines are, over every installed version'),
      },
      { description: 'Deadlines that have ended, as each case’s own workflow version reads them' },
    ),
    byOrganisation: arrayOf(
      objectOf<Of<'byOrganisation'>>({
        organisationId: uuid(),
        name: text(),
        kind: oneOfValues(ORGANISATION_KINDS),
        asClaimant: count(),
        asRespondent: count(),
        asMediator: count('Cases referred to it, declined ones included'),
      }),
      'Organisations taking part in at least one case, the busiest first',
    ),
  },
  { description: 'Figures over every case for a governance board, computed from the recorded histories' },
);

export const BOARD_SCHEMAS: Record<string, Schema> = {
  BoardStatistics: BoardStatisticsSchema,
};
