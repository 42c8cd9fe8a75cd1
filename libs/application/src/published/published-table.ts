/**
 * A table of figures the Compact publishes: on the public register, in its open data, and in the
 * board's annual report. One shape for all of them, so a page, a CSV file, a Data Package schema
 * and a PDF can each render any table without knowing what it counts.
 *
 * A cell holding `null` is a figure withheld by small-number suppression; renderers show it with
 * the table's `withheldText` (for example "fewer than 5") and CSV writes it as an empty cell.
 */
export type PublishedFieldType = 'string' | 'integer' | 'number' | 'date' | 'year';

export interface PublishedField {
  /** The column's name in CSV and JSON: lower_snake_case, stable across releases. */
  name: string;
  type: PublishedFieldType;
  /** The column's heading in plain words. */
  title: string;
  description?: string;
  /**
   * The count this figure is worked out over (a mean over the people who answered): where that
   * count is shown as 0, a null here has no value to withhold, and reads as the table's `noValueText`.
   */
  over?: string;
}

export type PublishedCell = string | number | null;

export interface PublishedTable {
  /** The table's stable name: lower-case letters, digits and hyphens; also its file name. */
  name: string;
  title: string;
  description: string;
  fields: PublishedField[];
  rows: Array<Record<string, PublishedCell>>;
  /** How a withheld (null) figure is shown to people, e.g. "fewer than 5". */
  withheldText: string;
  /** How a figure with nothing to work it out over is shown (see PublishedField.over), e.g. "no answers". */
  noValueText?: string;
}

/** A cell as people read it: its value; or, when null, that there is nothing to work it out over, or the table's withheld words. */
export function publishedCellText(table: PublishedTable, row: Record<string, PublishedCell>, field: PublishedField): string {
  const value = row[field.name];
  if (value !== null && value !== undefined) return String(value);
  if (field.over !== undefined && row[field.over] === 0 && table.noValueText !== undefined) return table.noValueText;
  return table.withheldText;
}
