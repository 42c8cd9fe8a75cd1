import { PublishedTable } from '../published/published-table';
import { mostCitedUndertakings } from './most-cited-undertakings';

const byUndertaking: PublishedTable = {
  name: 'cases-by-undertaking',
  title: 'Cases by undertaking',
  description: 'Cases citing each undertaking.',
  fields: [
    { name: 'undertaking', type: 'string', title: 'Undertaking' },
    { name: 'cases', type: 'integer', title: 'Cases' },
  ],
  rows: [
    { undertaking: '2.4', cases: 6 },
    { undertaking: '3.1', cases: null },
    { undertaking: '4.5', cases: 12 },
    { undertaking: '1.2', cases: null },
    { undertaking: '5.1', cases: 6 },
  ],
  withheldText: 'fewer than 5',
};

describe('mostCitedUndertakings', () => {
  it('puts the most cited first, ties and withheld figures in the register’s own order, withheld last', () => {
    const t = mostCitedUndertakings([{ ...byUndertaking, name: 'cases-by-year' }, byUndertaking])!;
    expect(t.name).toBe('most-cited-undertakings');
    expect(t.rows.map((r) => r.undertaking)).toEqual(['4.5', '2.4', '5.1', '3.1', '1.2']);
    expect(t.fields).toEqual(byUndertaking.fields);
    expect(byUndertaking.rows[0].undertaking).toBe('2.4'); // the register's table is left as it was
  });

  it('is null when the register has no table by undertaking', () => {
    expect(mostCitedUndertakings([{ ...byUndertaking, name: 'cases-by-year' }])).toBeNull();
  });
});
