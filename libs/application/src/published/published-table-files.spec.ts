import type { PublishedTable } from './published-table';
import { dataPackageOf, publishedTableCsv } from './published-table-files';

const table: PublishedTable = {
  name: 'cases-by-body',
  title: 'Cases by body',
  description: 'A test table.',
  fields: [
    { name: 'organisation', type: 'string', title: 'Organisation' },
    { name: 'cases', type: 'integer', title: 'Cases' },
  ],
  rows: [
    { organisation: 'Council, "North"', cases: 12 },
    { organisation: '=HYPERLINK("x")', cases: null },
  ],
  withheldText: 'fewer than 5',
};

describe('published table files', () => {
  it('writes RFC 4180 CSV: field names as header, every cell quoted, a formula neutralised, a withheld figure empty', () => {
    expect(publishedTableCsv(table)).toBe('organisation,cases\r\n"Council, ""North""","12"\r\n"\'=HYPERLINK(""x"")",""\r\n');
  });

  it('describes the tables as a Data Package: one CSV resource each, with its schema and the empty cell as missing', () => {
    const licence = { name: 'OGL-UK-3.0', title: 'Open Government Licence v3.0', path: 'https://example.org/ogl' };
    const p = dataPackageOf([table], { name: 'register', title: 'Register', description: 'd', created: '2026-01-01T00:00:00.000Z', licence });
    expect(p.licenses).toEqual([licence]);
    expect(p.resources).toEqual([
      expect.objectContaining({
        name: 'cases-by-body',
        path: 'cases-by-body.csv',
        format: 'csv',
        mediatype: 'text/csv',
        schema: { fields: [{ name: 'organisation', type: 'string', title: 'Organisation' }, { name: 'cases', type: 'integer', title: 'Cases' }], missingValues: [''] },
      }),
    ]);
  });
});
