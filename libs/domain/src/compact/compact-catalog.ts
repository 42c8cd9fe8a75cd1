import { CompactSide } from '../parties/organisation-kind';

/** One undertaking of a Compact, carried verbatim. */
export interface Undertaking {
  /** As printed (`4.5`), or an assigned id for an unnumbered paragraph (`3.11a`). */
  id: string;
  /** The section number it belongs to (`4`). */
  section: string;
  /** The side of the Compact it binds. */
  binds: CompactSide;
  text: string;
  /** True when the published text gives it no number; its id is then assigned by the catalog. */
  unnumbered: boolean;
}

export interface CompactGroup {
  heading: string;
  binds: CompactSide;
  undertakings: Undertaking[];
}

export interface CompactSection {
  number: string;
  title: string;
  groups: CompactGroup[];
}

/** Deadline lengths used by the dispute workflow; every field has a default. */
export interface CompactDeadlines {
  acknowledgementWorkingDays: number;
  proposalResponseWorkingDays: number;
  negotiationWorkingDays: number;
  mediatorResponseWorkingDays: number;
  ombudsmanLimitMonths: number;
  ombudsmanFirstReminderMonthsBefore: number;
  ombudsmanFinalReminderMonthsBefore: number;
  reminderWorkingDaysBefore: number;
  /** The most working days agreed extensions may add to one deadline (as in the statutory complaint-handling codes). */
  extensionCapWorkingDays: number;
  /** How long the party owed an agreed action has to confirm it was done before it counts as confirmed. */
  actionConfirmationWorkingDays: number;
  /** Judicial review: promptly, and in any case within this many months of the decision. */
  judicialReviewLimitMonths: number;
  judicialReviewFirstReminderMonthsBefore: number;
  judicialReviewFinalReminderWorkingDaysBefore: number;
}

export const DEFAULT_COMPACT_DEADLINES: CompactDeadlines = {
  acknowledgementWorkingDays: 5,
  proposalResponseWorkingDays: 10,
  negotiationWorkingDays: 40,
  mediatorResponseWorkingDays: 10,
  ombudsmanLimitMonths: 12,
  ombudsmanFirstReminderMonthsBefore: 3,
  ombudsmanFinalReminderMonthsBefore: 1,
  reminderWorkingDaysBefore: 2,
  extensionCapWorkingDays: 10,
  actionConfirmationWorkingDays: 10,
  judicialReviewLimitMonths: 3,
  judicialReviewFirstReminderMonthsBefore: 1,
  judicialReviewFinalReminderWorkingDaysBefore: 10,
};

export interface CompactCatalog {
  id: string;
  name: string;
  introduction: string;
  sections: CompactSection[];
  disputeResolution: { section: string; title: string; text: string };
  deadlines: CompactDeadlines;
  /** Whether administrators may read confidential mediation notes (default: no, they see what the board sees). */
  confidentiality: { adminsSeeContent: boolean };
}

/** Fast lookup over a loaded catalog. */
export class CompactIndex {
  private readonly byId: Map<string, Undertaking>;

  constructor(readonly catalog: CompactCatalog) {
    this.byId = new Map(this.undertakings().map((u) => [u.id, u]));
  }

  undertakings(): Undertaking[] {
    return this.catalog.sections.flatMap((s) => s.groups.flatMap((g) => g.undertakings));
  }

  find(id: string): Undertaking | undefined {
    return this.byId.get(id);
  }
}
