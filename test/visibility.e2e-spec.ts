import { ApiResponse } from './support/api-client';
import { CaseFactory, Step } from './support/case-factory';
import { ManualClock } from './support/manual-clock';
import { Member, Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { startTestApp, TestApp } from './support/test-app';

/*
 * Who sees which cases: parties their organisation's (as claimant or respondent), mediators the
 * cases referred to their organisation (still readable after it declined and the case went
 * elsewhere), board and admin everything. Anything else is a 404 on every endpoint, never a 403.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

type Who = 'vcs' | 'vcs2' | 'council' | 'council2' | 'mediator' | 'mediator2' | 'board' | 'admin';
const EVERYONE: Who[] = ['vcs', 'vcs2', 'council', 'council2', 'mediator', 'mediator2', 'board', 'admin'];

describe('visibility of cases', () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;
  const clock = new ManualClock(new Date('2026-12-01T10:00:00.000Z'));
  const c: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };

  /** Which cases each caller may see, and in which part. */
  const SEES: Record<Who, Partial<Record<keyof typeof c, string>>> = {
    vcs: { A: 'claimant', C: 'respondent', D: 'claimant' },
    vcs2: { B: 'claimant', E: 'claimant' },
    council: { A: 'respondent', B: 'respondent', C: 'claimant' },
    council2: { D: 'respondent', E: 'respondent' },
    mediator: { C: 'mediator', E: 'former-mediator' },
    mediator2: { D: 'mediator', E: 'mediator' },
    board: { A: 'board', B: 'board', C: 'board', D: 'board', E: 'board' },
    admin: { A: 'admin', B: 'admin', C: 'admin', D: 'admin', E: 'admin' },
  };

  const member = (who: Who): Member => p[who];
  const toFailed: Step[] = [
    ['ACKNOWLEDGE', 'respondent'],
    ['DECLARE_NEGOTIATION_FAILED', 'claimant'],
  ];

  async function build(raiser: Member, body: Record<string, unknown>, steps: Array<[string, Member, Record<string, unknown>?]>) {
    const view = await f.raise(body, raiser);
    for (const [type, by, payload] of steps) {
      const res = await f.send(view.id, type, by, payload);
      if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return view.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
    const refer = (org: string) => ({ mediatorOrganisationId: org });
    const failed = (claimant: Member, respondent: Member): Array<[string, Member]> =>
      toFailed.map(([type, by]) => [type, by === 'claimant' ? claimant : respondent]);
    c.A = await build(p.vcs, {}, []);
    c.B = await build(p.vcs2, {}, [['ACKNOWLEDGE', p.council]]);
    c.C = await build(p.council, { respondentOrganisationId: p.orgs.vcs, undertakings: ['4.6'] }, [
      ...failed(p.council, p.vcs),
      ['REFER_TO_MEDIATION', p.council, refer(p.orgs.mediator)],
    ]);
    c.D = await build(p.vcs, { respondentOrganisationId: p.orgs.council2, kind: 'disagreement', undertakings: [] }, [
      ...failed(p.vcs, p.council2),
      ['REFER_TO_MEDIATION', p.vcs, refer(p.orgs.mediator2)],
      ['MEDIATOR_ACCEPT', p.mediator2, {}],
    ]);
    c.E = await build(p.vcs2, { respondentOrganisationId: p.orgs.council2, undertakings: ['2.3'] }, [
      ...failed(p.vcs2, p.council2),
      ['REFER_TO_MEDIATION', p.vcs2, refer(p.orgs.mediator)],
      ['MEDIATOR_DECLINE', p.mediator, { reason: 'Outside our area.' }],
      ['REFER_TO_MEDIATION', p.vcs2, refer(p.orgs.mediator2)],
    ]);
  });
  afterAll(() => t?.close());

  const listAll = async (who: Who, query = ''): Promise<any[]> => {
    const res = await t.api.get(`/api/v1/cases?limit=100${query}`, member(who).token);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const names = (items: any[]) => items.map((i) => Object.entries(c).find(([, id]) => id === i.id)?.[0] ?? i.id).sort();

  it.each(EVERYONE)('%s lists exactly the cases it may see, each with its part', async (who) => {
    const items = await listAll(who);
    expect(Object.fromEntries(items.map((i) => [names([i])[0], i.yourPart]))).toEqual(SEES[who]);
  });

  it.each(EVERYONE)('%s reads the cases it may see, and gets 404 for the others on every endpoint', async (who) => {
    for (const [name, id] of Object.entries(c)) {
      const part = SEES[who][name as keyof typeof c];
      const reads = await Promise.all(['', '/history', '/history/verify'].map((path) => t.api.get(`/api/v1/cases/${id}${path}`, member(who).token)));
      if (part) {
        expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
        expect(reads[0].body.yourPart).toBe(part);
        continue;
      }
      for (const r of reads) expectProblem(r, 404, 'NOT_FOUND');
      const send = await t.api.event(id, { type: 'ADD_NOTE', note: 'Let me in.' }, member(who).token);
      expectProblem(send, 404, 'NOT_FOUND');
      expect(send.body.detail).not.toMatch(/permission|forbidden|may not/i);
    }
  });

  it('filters by state, undertaking and organisation, within what the caller may see', async () => {
    expect(names(await listAll('board', '&state=raised'))).toEqual(['A']);
    expect(names(await listAll('board', '&state=negotiation'))).toEqual(['B']);
    expect(names(await listAll('board', '&state=mediation'))).toEqual(['C', 'D', 'E']);
    expect(names(await listAll('board', '&state=closed'))).toEqual([]);
    expect(names(await listAll('board', '&undertaking=4.5'))).toEqual(['A', 'B']);
    expect(names(await listAll('board', '&undertaking=4.6'))).toEqual(['C']);
    expect(names(await listAll('board', '&undertaking=3.11a'))).toEqual([]);
    expect(names(await listAll('board', `&organisation=${p.orgs.council2}`))).toEqual(['D', 'E']);
    expect(names(await listAll('board', `&organisation=${p.orgs.mediator}`))).toEqual(['C', 'E']);
    expect(names(await listAll('vcs', `&organisation=${p.orgs.council}`))).toEqual(['A', 'C']);
    // vcs2 takes part in B and E, neither of which vcs may see: the filter must not widen visibility.
    expect(names(await listAll('vcs', `&organisation=${p.orgs.vcs2}`))).toEqual([]);
    expect(names(await listAll('mediator2', `&state=mediation&organisation=${p.orgs.vcs}`))).toEqual(['D']);
    expect(names(await listAll('council', '&state=mediation&undertaking=4.6'))).toEqual(['C']);
  });

  it('walks every case exactly once with cursor pagination (limit 7), newest first, even when cases share a timestamp', async () => {
    const created: string[] = Object.values(c);
    const byVcs: string[] = [c.A, c.C, c.D];
    for (let i = 0; i < 25; i++) {
      if (i % 3 === 0) clock.advance(1000); // three cases per instant: ties broken by id
      const raiser = i % 2 ? p.vcs : p.council;
      const body = i % 2 ? {} : { respondentOrganisationId: p.orgs.vcs2, undertakings: ['4.6'] };
      const id = (await f.raise({ ...body, title: `Case ${i}` }, raiser)).id;
      created.push(id);
      if (raiser === p.vcs) byVcs.push(id);
    }
    const walk = async (who: Who, query = '') => {
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: ApiResponse = await t.api.get(`/api/v1/cases?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`, member(who).token);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(7);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages += 1;
        if (cursor) expect(res.body.items).toHaveLength(7);
      } while (cursor && pages < 20);
      return { seen, pages };
    };

    const board = await walk('board');
    expect(board.seen.map((i) => i.id).sort()).toEqual([...created].sort());
    expect(board.pages).toBe(Math.ceil(created.length / 7));
    const order = board.seen.map((i) => [Date.parse(i.createdAt), i.id]);
    const sorted = [...order].sort((a, b) => (b[0] as number) - (a[0] as number) || String(b[1]).localeCompare(String(a[1])));
    expect(order).toEqual(sorted);

    const vcsAll = await listAll('vcs');
    const vcs = await walk('vcs');
    expect(vcs.seen.map((i) => i.id)).toEqual(vcsAll.map((i) => i.id));
    expect(vcs.seen.map((i) => i.id).sort()).toEqual([...byVcs].sort());

    const raised = await walk('council', '&state=raised');
    expect(raised.seen.map((i) => i.id).sort()).toEqual((await listAll('council', '&state=raised')).map((i) => i.id).sort());
    expect(raised.seen.every((i) => i.state === 'raised')).toBe(true);
    expect(new Set(raised.seen.map((i) => i.id)).size).toBe(raised.seen.length);
  });
});
