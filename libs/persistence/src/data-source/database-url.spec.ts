import { parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:./data/compact.sqlite', './data/compact.sqlite'],
    ['sqlite:data.db', 'data.db'],
    ['sqlite:/var/lib/compact/compact.sqlite', '/var/lib/compact/compact.sqlite'],
    ['sqlite:///var/lib/compact/compact.sqlite', '/var/lib/compact/compact.sqlite'],
  ])('reads %p as the SQLite file %p', (url, path) => {
    expect(parseDatabaseUrl(url)).toEqual({ dialect: 'sqlite', path });
  });

  it.each(['postgres://app:secret@db:5432/compact', 'postgresql://db/compact', 'postgres://db.internal/compact?sslmode=require'])(
    'keeps the PostgreSQL URL %p as it is',
    (url) => {
      expect(parseDatabaseUrl(url)).toEqual({ dialect: 'postgres', url });
    },
  );

  it.each(['sqlite:', 'sqlite::memory:'])('refuses %p: an in-memory or unnamed database would lose every case', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(/give a file path .*an in-memory database would lose every case/);
  });

  it.each(['postgres://db.internal', 'postgres://db.internal/', 'postgres:///compact', 'postgres://:5432/compact', 'postgres://db:notaport/x'])(
    'refuses the PostgreSQL URL %p',
    (url) => {
      expect(() => parseDatabaseUrl(url)).toThrow('is not a usable PostgreSQL URL');
    },
  );

  it.each(['', 'mysql://db/compact', './data/compact.sqlite', 'SQLITE:./x.db', 'postgres:/db/compact', 'file:./x.db'])(
    'refuses %p with the forms it accepts',
    (url) => {
      expect(() => parseDatabaseUrl(url)).toThrow('must start with sqlite: or postgres://');
    },
  );

  it('keeps the cause of an unusable PostgreSQL URL', () => {
    try {
      parseDatabaseUrl('postgres://db.internal');
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });

  it('never repeats a password in its refusals (they end up in start-up logs)', () => {
    for (const url of ['postgres://app:hunter2@db.internal', 'postgres://app:hunter2@/compact', 'mysql://app:hunter2@db/compact']) {
      expect(() => parseDatabaseUrl(url)).toThrow();
      try {
        parseDatabaseUrl(url);
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
  });
});
