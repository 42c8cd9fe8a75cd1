import { COMPACT_SIDES, CompactCatalog, CompactDeadlines, CompactGroup, CompactSection, Undertaking } from '@compact/domain';
import type { HealthReport } from '../health/health.controller';
import { arrayOf, boolean, integer, objectOf, oneOfValues, ref, Schema, text } from './schema-builders';

const count = (description: string) => integer(description, { minimum: 0 });

const deadlines = objectOf<CompactDeadlines>(
  {
    acknowledgementWorkingDays: count('The respondent acknowledges the case within'),
    proposalResponseWorkingDays: count('A proposal is answered within'),
    negotiationWorkingDays: count('Negotiation lasts at most'),
    mediatorResponseWorkingDays: count('A mediator accepts or declines within'),
    ombudsmanLimitMonths: count('Months from when the claimant became aware to the ombudsman time limit'),
    ombudsmanFirstReminderMonthsBefore: count('First reminder, months before that limit'),
    ombudsmanFinalReminderMonthsBefore: count('Final reminder, months before that limit'),
    reminderWorkingDaysBefore: count('Reminders go out this many working days before a deadline'),
    extensionCapWorkingDays: count('The most working days agreed extensions may add to one deadline'),
    actionConfirmationWorkingDays: count('An agreed action reported done counts as confirmed after this many working days without an answer'),
    judicialReviewLimitMonths: count('Months from the decision a case is about to the judicial review time limit'),
    judicialReviewFirstReminderMonthsBefore: count('First reminder, months before that limit'),
    judicialReviewFinalReminderWorkingDaysBefore: count('Final reminder, working days before that limit'),
  },
  { description: 'Deadline lengths used by the dispute workflow' },
);

export const COMPACT_SCHEMAS: Record<string, Schema> = {
  CompactDeadlines: deadlines,
  Undertaking: objectOf<Undertaking>(
    {
      id: text('As printed (4.5), or an assigned id for an unnumbered paragraph (3.11a)'),
      section: text('The section number it belongs to'),
      binds: oneOfValues(COMPACT_SIDES, 'The side of the Compact it binds'),
      text: text('Verbatim'),
      unnumbered: boolean(),
    },
    { description: 'One undertaking of the Compact, verbatim' },
  ),
  CompactGroup: objectOf<CompactGroup>({ heading: text(), binds: oneOfValues(COMPACT_SIDES), undertakings: arrayOf(ref('Undertaking')) }),
  CompactSection: objectOf<CompactSection>({ number: text(), title: text(), groups: arrayOf(ref('CompactGroup')) }),
  Compact: objectOf<CompactCatalog>(
    {
      id: text(),
      name: text(),
      introduction: text(),
      sections: arrayOf(ref('CompactSection')),
      disputeResolution: objectOf<CompactCatalog['disputeResolution']>({ section: text(), title: text(), text: text() }, { description: 'The dispute clause' }),
      deadlines: ref('CompactDeadlines'),
      confidentiality: objectOf<CompactCatalog['confidentiality']>(
        { adminsSeeContent: boolean('Whether administrators may read confidential mediation notes (otherwise they see what the board sees)') },
        { description: 'Who may read confidential mediation notes besides the two sides of each exchange' },
      ),
    },
    { description: 'The Compact in force, verbatim' },
  ),
  Health: objectOf<HealthReport>({
    status: oneOfValues(['ok']),
    database: oneOfValues(['ok'], 'The database answered a round trip'),
    compact: text('The id of the Compact in force'),
    workflow: text('The workflow new cases start on, e.g. compact-dispute/v1'),
  }),
};
