import { csvCell } from '../board/case-histories-export';
import type { PublishedField, PublishedTable } from './published-table';

/**
 * One published table as CSV (RFC 4180, CRLF line ends, UTF-8): a header of the field names, then
 * one line per row, every cell quoted (a leading formula character neutralised), a withheld figure
 * as an empty cell.
 */
export function publishedTableCsv(table: PublishedTable): string {
  const lines = [table.fields.map((f) => f.name).join(',')];
  for (const row of table.rows) lines.push(table.fields.map((f) => csvCell(row[f.name])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** What a published table's JSON file holds: the table as published, a withheld figure as null. */
export interface PublishedTableJson {
  name: string;
  title: string;
  description: string;
  generatedAt: string;
  licence: PublishedLicence;
  fields: PublishedField[];
  rows: PublishedTable['rows'];
  /** What a null figure means. */
  withheld: string;
}

export interface PublishedLicence {
  /** An Open Definition licence id, e.g. `OGL-UK-3.0`. */
  name: string;
  title: string;
  /** Where the licence's text is (a URL). */
  path: string;
}

export function publishedTableJson(table: PublishedTable, context: { generatedAt: string; licence: PublishedLicence; withheld: string }): PublishedTableJson {
  return {
    name: table.name,
    title: table.title,
    description: table.description,
    generatedAt: context.generatedAt,
    licence: context.licence,
    fields: table.fields,
    rows: table.rows,
    withheld: context.withheld,
  };
}

export interface DataPackageOptions {
  /** The package's name: lower-case letters, digits, `-`, `_` and `.`. */
  name: string;
  title: string;
  description: string;
  /** ISO 8601 time the figures were computed. */
  created: string;
  licence: PublishedLicence;
  /** The address of each table's CSV file, relative to the descriptor (default `<name>.csv`). */
  pathOf?: (table: PublishedTable) => string;
}

/**
 * A Frictionless Data Package descriptor (datapackage.json) for published tables: one tabular
 * CSV resource per table with its Table Schema; an empty cell is a withheld figure (missingValues).
 */
export function dataPackageOf(tables: readonly PublishedTable[], options: DataPackageOptions) {
  const pathOf = options.pathOf ?? ((t: PublishedTable) => `${t.name}.csv`);
  return {
    name: options.name,
    title: options.title,
    description: options.description,
    created: options.created,
    licenses: [{ name: options.licence.name, title: options.licence.title, path: options.licence.path }],
    resources: tables.map((t) => ({
      name: t.name,
      path: pathOf(t),
      profile: 'tabular-data-resource',
      title: t.title,
      description: t.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: {
        fields: t.fields.map((f) => ({ name: f.name, type: f.type, title: f.title, ...(f.description ? { description: f.description } : {}) })),
        missingValues: [''],
      },
    })),
  };
}
