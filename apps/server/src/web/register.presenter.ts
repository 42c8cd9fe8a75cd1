import { PublishedTable, publishedCellText, RegisterFigures } from '@compact/application';

/** Where the open data of each table is, and the descriptor. */
export const REGISTER_DATA_PATH = '/register/data';

export interface RegisterTableView {
  name: string;
  title: string;
  description: string;
  headings: Array<{ text: string; numeric: boolean }>;
  rows: Array<Array<{ text: string; numeric: boolean; withheld: boolean }>>;
  csv: string;
  json: string;
}

const numeric = (type: string) => type === 'integer' || type === 'number';

/** A published table as the page shows it: the first column heads each row, a withheld figure in words. */
export function registerTableView(table: PublishedTable): RegisterTableView {
  return {
    name: table.name,
    title: table.title,
    description: table.description,
    headings: table.fields.map((f) => ({ text: f.title, numeric: numeric(f.type) })),
    rows: table.rows.map((row) =>
      table.fields.map((f) => {
        const text = publishedCellText(table, row, f);
        return { text, numeric: numeric(f.type), withheld: row[f.name] === null && text === table.withheldText };
      }),
    ),
    csv: `${REGISTER_DATA_PATH}/${table.name}.csv`,
    json: `${REGISTER_DATA_PATH}/${table.name}.json`,
  };
}

/** What the register page (public, or the board's preview) needs. */
export function registerPageData(figures: RegisterFigures, isPublic: boolean) {
  return {
    figures,
    isPublic,
    tables: figures.tables.map(registerTableView),
    dataPackage: `${REGISTER_DATA_PATH}/datapackage.json`,
  };
}
