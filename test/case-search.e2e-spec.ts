import { parseCaseSearch, CaseSearch } from '@compact/domain';
import { caseListSql, caseSearchIndexOf, MIGRATIONS } from '@compact/persistence';
import { CaseFactory } from './support/case-factory';
import { Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DIALECT } from './support/test-database';

jest.setTimeout(120_000);

/*
 * GET /api/v1/cases?q=…: words over the reference, title and summary of the cases the caller may
 * see, with the other filters and the cursor; a reference finds its case alone; hostile text is
 * 200 or 400, never 500; and the database answers from its text index (FTS5 on SQLite, a GIN
 * index over a tsvector on PostgreSQL), which the migration fills in for cases already there.
 */
describe(`case search (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  const list = (q: string, token: string, extra = '') => t.api.get(`/api/v1/cases?q=${encodeURIComponent(q)}${extra}`, token);
  const found = async (q: string, token = p.board.token, extra = '') => {
    const res = await list(q, token, extra);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: string }>).map((c) => c.id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
    const raise = async (key: string, overrides: Record<string, unknown>, by = p.vcs) => {
      const c = await f.raise(overrides, by);
      ids[key] = c.id;
      refs[key] = c.reference;
    };
    await raise('grant', { title: 'Youth work grant ended early', summary: 'The café-based youth club lost its grant with two weeks’ notice.' });
    await raise('consult', { title: 'No consultation on the library closure', summary: 'The council closed the Portswood library without asking anyone.' });
    // Riverside (vcs2) against Hampshire: neither the VCS user nor the council user may see it.
    await raise('hidden', { respondentOrganisationId: p.orgs.council2, title: 'Grant withdrawn from Riverside', summary: 'Secret grant matter.' }, p.vcs2);
    for (let i = 0; i < 5; i++) await raise(`bulk${i}`, { title: `Funding notice breach number ${i}`, summary: 'Repeated grant notice failures.' });
    await f.step(ids.consult, ['ACKNOWLEDGE', 'respondent']);
  });
  afterAll(() => t?.close());

  it('finds cases holding every word, the last one as a prefix, newest first', async () => {
    expect(await found('youth grant')).toEqual([ids.grant]);
    expect(await found('GRANT youth')).toEqual([ids.grant]);
    expect(await found('cafe')).toEqual([ids.grant]);
    expect(await found('Café')).toEqual([ids.grant]);
    expect(await found('portswood libr')).toEqual([ids.consult]);
    expect(await found('youth libr')).toEqual([]);
    expect(await found('notice')).toEqual([ids.bulk4, ids.bulk3, ids.bulk2, ids.bulk1, ids.bulk0, ids.grant]);
  });

  it('finds a case by its reference, exactly, in any case of letters', async () => {
    expect(refs.bulk1).toMatch(/^SOUTHAMPTON-\d{4}-\d{4}$/);
    expect(await found(refs.bulk1)).toEqual([ids.bulk1]);
    expect(await found(refs.bulk1.toLowerCase())).toEqual([ids.bulk1]);
    expect(await found(` ${refs.grant} `, p.vcs.token)).toEqual([ids.grant]);
    // Its number alone is a word of the case too.
    expect(await found(refs.consult.split('-')[2])).toEqual([ids.consult]);
  });

  it('never finds a case the caller may not see', async () => {
    expect(await found('riverside', p.board.token)).toEqual([ids.hidden]);
    expect(await found('riverside', p.vcs.token)).toEqual([]);
    expect(await found('riverside', p.council.token)).toEqual([]);
    expect(await found('secret grant', p.council.token)).toEqual([]);
    expect(await found(refs.hidden, p.vcs.token)).toEqual([]);
    expect(await found(refs.hidden, p.mediator.token)).toEqual([]);
    expect(await found('riverside', p.vcs2.token)).toEqual([ids.hidden]);
    expect(await found('grant', p.council.token)).toEqual(expect.not.arrayContaining([ids.hidden]));
    expect(await found('grant', p.council2.token)).toEqual([ids.hidden]);
  });

  it('combines with the filters and pages with the cursor', async () => {
    const stage = (await t.api.get(`/api/v1/cases/${ids.consult}`, p.board.token)).body.state;
    expect(await found('library', p.board.token, `&state=${stage}`)).toEqual([ids.consult]);
    expect(await found('grant', p.board.token, `&state=${stage}`)).toEqual([]);
    expect(await found('grant', p.board.token, `&organisation=${p.orgs.council2}`)).toEqual([ids.hidden]);
    expect(await found('grant', p.board.token, '&undertaking=4.5')).toContain(ids.grant);
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const res = await list('notice funding', p.vcs.token, `&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual([ids.bulk4, ids.bulk3, ids.bulk2, ids.bulk1, ids.bulk0]);
  });

  it('refuses an empty, over-long, unprintable or wordless search with 400 problem+json', async () => {
    for (const q of ['', '   ', 'a'.repeat(201), 'grant\u0000', 'grant\nnotice', 'grant\u001b', '"*"', '()-:', Array.from({ length: 21 }, (_, i) => `w${i}`).join(' ')]) {
      expectProblem(await list(q, p.board.token), 400, 'VALIDATION_FAILED', ['q']);
    }
    expectProblem(await t.api.get('/api/v1/cases?q=a&q=b', p.board.token), 400, 'VALIDATION_FAILED', ['q']);
    expectProblem(await t.api.get('/api/v1/cases?q[x]=a', p.board.token), 400, 'VALIDATION_FAILED');
    // Not UTF-8 at all: read as the text it is (200), or refused (400).
    expect([200, 400]).toContain((await t.api.get('/api/v1/cases?q=%ED%A0%80%FF', p.board.token)).status);
  });

  it('answers hostile text with 200 or 400, never 500', async () => {
    const hostile = [
      '"',
      '""',
      "'",
      "''",
      'grant"',
      'grant NEAR notice',
      'NEAR(grant notice, 2)',
      'grant*',
      '*grant',
      '* *',
      '-grant',
      'grant -notice',
      'title:grant',
      'document:grant',
      '{title summary}:grant',
      '(grant OR notice) AND NOT youth',
      'grant & notice | !youth',
      "grant:* & 'x'",
      "'grant':*",
      '\\',
      'grant\\',
      '\\"; DROP TABLE cases; --',
      "'; DELETE FROM case_search; --",
      '%_%',
      '^grant',
      '+grant',
      'grant <-> notice',
      'grant <2> notice',
      '😀 grant',
      'ǅ ß ﬁ Ⅻ ١٢٣ 中文',
      '\u200bgrant\u200d',
      'a'.repeat(200),
      'x '.repeat(20),
      `${refs.grant}"`,
      `${refs.grant}*`,
    ];
    for (const q of hostile) {
      const res = await list(q, p.vcs.token);
      expect({ q, status: [200, 400].includes(res.status) ? 'ok' : res.status }).toEqual({ q, status: 'ok' });
      if (res.status === 400) expectProblem(res, 400, 'VALIDATION_FAILED', ['q']);
    }
    expect(await found('grant NEAR notice', p.vcs.token)).toEqual([]);
    expect(await found('(grant) notice*', p.vcs.token)).toContain(ids.grant);
    expect(await found(`${refs.grant}*`, p.vcs.token)).toContain(ids.grant);
    // Nothing was harmed.
    expect(await found('youth grant')).toEqual([ids.grant]);
  });

  const searchOf = (q: string): CaseSearch => {
    const parsed = parseCaseSearch(q);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed.search;
  };
  const planOf = async (q: string): Promise<string> => {
    const postgres = TEST_DIALECT === 'postgres';
    const { text, params } = caseListSql(
      // As the board sees them (every case): on a handful of rows PostgreSQL would otherwise start from the party's own participations.
      { visibility: { all: true }, search: searchOf(q), limit: 21 },
      caseSearchIndexOf(postgres),
    );
    if (!postgres) {
      const rows: Array<{ detail: string }> = await t.dataSource.query(`EXPLAIN QUERY PLAN ${text}`, params);
      return rows.map((r) => r.detail).join('\n');
    }
    let n = 0;
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // A handful of rows: without this the planner rightly reads the whole table.
      await runner.query('SET LOCAL enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await runner.query(`EXPLAIN ${text.replace(/\?/g, () => `$${++n}`)}`, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  it('answers a search from the text index, and a reference from the unique index', async () => {
    const words = await planOf('youth gra');
    const reference = await planOf(refs.grant);
    if (TEST_DIALECT === 'sqlite') {
      expect(words).toMatch(/SCAN case_search VIRTUAL TABLE INDEX \d+:M/);
      expect(reference).toMatch(/SEARCH c USING INDEX sqlite_autoindex_cases_\d+ \(reference=\?\)/);
    } else {
      expect(words).toMatch(/Bitmap Index Scan on ix_case_search_document/);
      expect(reference).toMatch(/Index Scan using uq_cases_reference on cases c/);
    }
  });

  it('fills the index in for the cases already there when the migration runs', async () => {
    const migration = MIGRATIONS.map((M) => new M()).find((m) => m.name === 'CaseSearch1765650000000')!;
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await found('youth grant')).toEqual([ids.grant]);
    expect(await found(refs.bulk2)).toEqual([ids.bulk2]);
    expect((await found('notice')).length).toBe(6);
    const raised = await f.raise({ title: 'Raised after the back-fill', summary: 'Zebra crossing.' });
    expect(await found('zebra')).toEqual([raised.id]);
  });
});
