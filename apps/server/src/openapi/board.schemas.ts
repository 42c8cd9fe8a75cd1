import { RAISED_MONTHS, type BoardStatistics } from '@compact/application';
import { CASE_OUTCOMES, ORGANISATION_KINDS } from '@compact/domain';
import { arrayOf, integer, localDate, nullable, objectOf, oneOfValues, Schema, text, uuid } from './schema-builders';

type Of<K extends keyof BoardStatistics> = BoardStatistics[K] extends Array<infer T> ? T : BoardStatistics[K];

const count = (description?: string) => integer(description, { minimum: 0 });
const stage = text('A top-level state of some installed workflow version, e.g. negotiation');

const BoardStatisticsSchema = objectOf<BoardStatistics>(
  {
    range: objectOf<BoardStatistics['range']>(
      {
        raisedFrom: nullable(localDate(), 'The first London date counted (null: no limit)'),
        raisedTo: nullable(localDate(), 'The last London date counted (null: no limit)'),
      },
      { description: 'The cases counted: those raised in this range, both days included (as asked with raisedFrom and raisedTo)' },
    ),
    totalCases: count('Every case in the range, whichever workflow version it runs on'),
    headline: objectOf<BoardStatistics['headline']>(
      {
        open: count('Cases whose outcome is open'),
        resolved: count('Cases resolved: outcome monitoring (an agreement being carried out), resolved or closed'),
        withdrawn: count('Cases withdrawn'),
        medianAgeDays: nullable({ type: 'number', minimum: 0 }, 'The median age of the open cases, in London days since each was raised; null when none is open'),
      },
      { description: 'The figures at the top of /board' },
    ),
    byOutcome: arrayOf(
      objectOf<Of<'byOutcome'>>({ outcome: oneOfValues(CASE_OUTCOMES), count: count() }),
      'Every outcome (what each case’s own workflow version says its state means), in this order',
    ),
    byStage: arrayOf(
      objectOf<Of<'byStage'>>({ stage, label: text(), count: count() }),
      'One row per top-level state of every installed version, in escalation order; each case counts at its own state',
    ),
    resolvedAtStage: arrayOf(
      objectOf<Of<'resolvedAtStage'>>({ stage, label: text(), count: count() }),
      'The stage resolved cases were resolved at (only stages some case was), in escalation order',
    ),
    raisedByMonth: arrayOf(
      objectOf<Of<'raisedByMonth'>>({
        month: text('YYYY-MM', { pattern: '^\\d{4}-\\d{2}$' }),
        from: localDate('The first day counted: the 1st, or the start of the range'),
        to: localDate('The last day counted: the end of the month, or of the range'),
        count: count(),
      }),
      `Cases raised in each London month of the last ${RAISED_MONTHS} (ending this month, or the month the range ends in), oldest first; months before the range are left out`,
      { maxItems: RAISED_MONTHS },
    ),
    byUndertaking: arrayOf(
      objectOf<Of<'byUndertaking'>>({ undertaking: text('An undertaking id, e.g. 4.5'), text: text('Its text, shortened to its first sentence'), count: count() }),
      'Most cited first',
    ),
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
    missedByOrganisation: arrayOf(
      objectOf<Of<'missedByOrganisation'>>({
        organisationId: uuid(),
        name: text(),
        kind: oneOfValues(ORGANISATION_KINDS),
        deadlines: count('Deadlines it had to meet (as the case’s own workflow version says who must act) that passed unmet'),
        cases: count('The cases they were in'),
      }),
      'Organisations that missed at least one deadline, the most missed first',
    ),
  },
  { description: 'Figures for a governance board over the cases raised in a range (every case by default), computed from the recorded histories' },
);

export const BOARD_SCHEMAS: Record<string, Schema> = {
  BoardStatistics: BoardStatisticsSchema,
};
