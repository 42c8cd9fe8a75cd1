import { randomUUID } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import { ApiResponse } from './support/api-client';
import { CaseFactory } from './support/case-factory';
import { dumpDatabase } from './support/database-dump';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';

/*
 * Malformed and hostile input: each answer is application/problem+json with the right status and
 * code, naming the fields where there are fields to name, and the database is byte-for-byte what
 * it was before (a dump of every table before and after).
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

interface Ctx {
  t: TestApp;
  p: Parties;
  /** Cases in negotiation.discussing, negotiation.failed and formal.underConsideration. */
  discussing: string;
  failed: string;
  formal: string;
}

type Attempt = [name: string, send: (c: Ctx) => Promise<ApiResponse>, status: number, code: string, fields?: string[]];

const raise = (body: unknown) => (c: Ctx) => c.t.api.post('/api/v1/cases', body, c.p.vcs.token);
const raiseWith = (overrides: Record<string, unknown>) => (c: Ctx) =>
  c.t.api.post('/api/v1/cases', breachOf45(c.p, overrides), c.p.vcs.token);
const raw = (path: (c: Ctx) => string, rawBody: string, contentType = 'application/json') => (c: Ctx) =>
  c.t.api.request('POST', path(c), { token: c.p.vcs.token, rawBody, headers: { 'content-type': contentType } });
const casesPath = () => '/api/v1/cases';
const eventsPath = (c: Ctx) => `/api/v1/cases/${c.discussing}/events`;
type On = 'discussing' | 'failed' | 'formal';
const event = (on: On, body: unknown, as: 'vcs' | 'council' = 'vcs', headers?: Record<string, string>) => (c: Ctx) =>
  c.t.api.post(`/api/v1/cases/${c[on]}/events`, body, c.p[as].token, headers);
const list = (query: string) => (c: Ctx) => c.t.api.get(`/api/v1/cases?${query}`, c.p.vcs.token);
const long = (n: number) => 'x'.repeat(n);

const BODIES: Attempt[] = [
  ['malformed JSON (case)', raw(casesPath, '{"kind": "breach",'), 400, 'MALFORMED_JSON'],
  ['malformed JSON (event)', raw(eventsPath, "{type: 'ADD_NOTE'}"), 400, 'MALFORMED_JSON'],
  ['a body over 100 kB (case)', raiseWith({ summary: long(101 * 1024) }), 400, 'PAYLOAD_TOO_LARGE'],
  ['a body over 100 kB (event)', event('discussing', { type: 'ADD_NOTE', note: long(101 * 1024) }), 400, 'PAYLOAD_TOO_LARGE'],
  ['text/plain (case)', raw(casesPath, JSON.stringify({ kind: 'breach' }), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a form (event)', raw(eventsPath, 'type=ADD_NOTE&note=hi', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['XML (event)', raw(eventsPath, '<event type="ADD_NOTE"/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a JSON array (case)', raw(casesPath, '[]'), 400, 'VALIDATION_FAILED', ['(body)']],
  ['a JSON array (event)', raw(eventsPath, '[{"type":"ADD_NOTE","note":"hi"}]'), 400, 'VALIDATION_FAILED', ['(body)']],
  ['a JSON string (case)', raw(casesPath, '"breach"'), 400, 'MALFORMED_JSON'],
  ['a JSON string (event)', raw(eventsPath, '"ADD_NOTE"'), 400, 'MALFORMED_JSON'],
  ['JSON null (event)', raw(eventsPath, 'null'), 400, 'MALFORMED_JSON'],
  ['a JSON number (case)', raw(casesPath, '42'), 400, 'MALFORMED_JSON'],
];

const CASE_CREATION: Attempt[] = [
  ['an empty object', raise({}), 400, 'VALIDATION_FAILED', ['respondentOrganisationId', 'kind', 'title', 'summary', 'becameAwareOn', 'undertakings']],
  ['an unknown field', raiseWith({ colour: 'red' }), 400, 'VALIDATION_FAILED', ['colour']],
  ['a prototype-polluting field', raw(casesPath, '{"__proto__": {"admin": true}}'), 400, 'VALIDATION_FAILED', ['kind']],
  ['a number for the title', raiseWith({ title: 42 }), 400, 'VALIDATION_FAILED', ['title']],
  ['an object for the summary', raiseWith({ summary: { text: 'x' } }), 400, 'VALIDATION_FAILED', ['summary']],
  ['an array for the kind', raiseWith({ kind: ['breach'] }), 400, 'VALIDATION_FAILED', ['kind']],
  ['a string for undertakings', raiseWith({ undertakings: '4.5' }), 400, 'VALIDATION_FAILED', ['undertakings']],
  ['numbers in undertakings', raiseWith({ undertakings: [4.5] }), 400, 'VALIDATION_FAILED', ['undertakings']],
  ['a number for the respondent', raiseWith({ respondentOrganisationId: 7 }), 400, 'VALIDATION_FAILED', ['respondentOrganisationId']],
  ['a blank title', raiseWith({ title: '   ' }), 400, 'VALIDATION_FAILED', ['title']],
  ['an empty summary', raiseWith({ summary: '' }), 400, 'VALIDATION_FAILED', ['summary']],
  ['a 201-character title', raiseWith({ title: long(201) }), 400, 'VALIDATION_FAILED', ['title']],
  ['a 10,001-character summary', raiseWith({ summary: long(10_001) }), 400, 'VALIDATION_FAILED', ['summary']],
  ['a 5,001-character desired outcome', raiseWith({ desiredOutcome: long(5001) }), 400, 'VALIDATION_FAILED', ['desiredOutcome']],
  ['a bad kind', raiseWith({ kind: 'complaint' }), 400, 'VALIDATION_FAILED', ['kind']],
  ['30 February', raiseWith({ becameAwareOn: '2026-02-30' }), 400, 'VALIDATION_FAILED', ['becameAwareOn']],
  ['a British date', raiseWith({ becameAwareOn: '02/11/2026' }), 400, 'VALIDATION_FAILED', ['becameAwareOn']],
  ['a date in the future', raiseWith({ becameAwareOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', ['becameAwareOn']],
  ['the own organisation as respondent', (c) => raiseWith({ respondentOrganisationId: c.p.orgs.vcs })(c), 400, 'VALIDATION_FAILED', ['respondentOrganisationId']],
  ['an unknown respondent', raiseWith({ respondentOrganisationId: randomUUID() }), 400, 'VALIDATION_FAILED', ['respondentOrganisationId']],
  ['a mediator as respondent', (c) => raiseWith({ respondentOrganisationId: c.p.orgs.mediator })(c), 400, 'VALIDATION_FAILED', ['respondentOrganisationId']],
  ['a respondent id that is no uuid', raiseWith({ respondentOrganisationId: 'council' }), 400, 'VALIDATION_FAILED', ['respondentOrganisationId']],
  ['a breach citing the claimant’s own side (4.6 binds the VCS)', raiseWith({ undertakings: ['4.6'] }), 400, 'VALIDATION_FAILED', ['undertakings[0]']],
  ['a breach citing one good and one own-side undertaking', raiseWith({ undertakings: ['4.5', '1.6'] }), 400, 'VALIDATION_FAILED', ['undertakings[1]']],
  ['a breach citing nothing', raiseWith({ undertakings: [] }), 400, 'VALIDATION_FAILED', ['undertakings']],
  ['an unknown undertaking', raiseWith({ undertakings: ['9.9'] }), 400, 'VALIDATION_FAILED', ['undertakings[0]']],
  ['an undertaking cited twice', raiseWith({ undertakings: ['4.5', '4.5'] }), 400, 'VALIDATION_FAILED', ['undertakings[1]']],
];

const EVENTS: Attempt[] = [
  ['an unknown field', event('discussing', { type: 'ADD_NOTE', note: 'hi', colour: 'red' }), 400, 'VALIDATION_FAILED', ['colour']],
  ['a number for the note', event('discussing', { type: 'ADD_NOTE', note: 42 }), 400, 'VALIDATION_FAILED', ['note']],
  ['an array for the note', event('discussing', { type: 'ADD_NOTE', note: ['hi'] }), 400, 'VALIDATION_FAILED', ['note']],
  ['a number for a date', event('discussing', { type: 'RECORD_MEETING', heldOn: 20260105, summary: 'Met' }), 400, 'VALIDATION_FAILED', ['heldOn']],
  ['a missing required field', event('discussing', { type: 'ADD_NOTE' }), 400, 'VALIDATION_FAILED', ['note']],
  ['a blank note', event('discussing', { type: 'ADD_NOTE', note: ' \n\t ' }), 400, 'VALIDATION_FAILED', ['note']],
  ['a 5,001-character note', event('discussing', { type: 'ADD_NOTE', note: long(5001) }), 400, 'VALIDATION_FAILED', ['note']],
  ['1,001 characters of attendees', event('discussing', { type: 'RECORD_MEETING', heldOn: '2026-11-02', summary: 'Met', attendees: long(1001) }), 400, 'VALIDATION_FAILED', ['attendees']],
  ['a 201-character body name', event('failed', { type: 'ESCALATE_FORMAL', route: 'ombudsman', body: long(201), reference: 'R1', skipMediationReason: 'None' }), 400, 'VALIDATION_FAILED', ['body']],
  ['a bad route', event('failed', { type: 'ESCALATE_FORMAL', route: 'court', body: 'County Court', reference: 'R1', skipMediationReason: 'None' }), 400, 'VALIDATION_FAILED', ['route']],
  ['no reason to skip mediation', event('failed', { type: 'ESCALATE_FORMAL', route: 'ombudsman', body: 'LGSCO', reference: 'R1' }), 400, 'VALIDATION_FAILED', ['skipMediationReason']],
  ['a bad outcome', event('formal', { type: 'RECORD_DECISION', outcome: 'won', decidedOn: '2026-11-02' }), 400, 'VALIDATION_FAILED', ['outcome']],
  ['30 February', event('discussing', { type: 'RECORD_MEETING', heldOn: '2026-02-30', summary: 'Met' }), 400, 'VALIDATION_FAILED', ['heldOn']],
  ['month 13', event('formal', { type: 'RECORD_DECISION', outcome: 'upheld', decidedOn: '2026-13-01' }), 400, 'VALIDATION_FAILED', ['decidedOn']],
  ['a meeting in the future', event('discussing', { type: 'RECORD_MEETING', heldOn: '2099-01-01', summary: 'Met' }), 400, 'VALIDATION_FAILED', ['heldOn']],
  ['a decision in the future', event('formal', { type: 'RECORD_DECISION', outcome: 'upheld', decidedOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', ['decidedOn']],
  ['an unknown event type', event('discussing', { type: 'MAKE_TEA' }), 400, 'VALIDATION_FAILED', ['type']],
  ['an inherited property as event type', event('discussing', { type: 'constructor' }), 400, 'VALIDATION_FAILED', ['type']],
  ['no event type', event('discussing', { note: 'hi' }), 400, 'VALIDATION_FAILED', ['type']],
  ['an empty event type', event('discussing', { type: '' }), 400, 'VALIDATION_FAILED', ['type']],
  ['a number as event type', event('discussing', { type: 7 }), 400, 'VALIDATION_FAILED', ['type']],
  ['an unknown mediator organisation', event('failed', { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: randomUUID() }), 400, 'VALIDATION_FAILED', ['mediatorOrganisationId']],
  ['a public body as mediator', (c) => event('failed', { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: c.p.orgs.council2 })(c), 400, 'VALIDATION_FAILED', ['mediatorOrganisationId']],
  ['a VCS organisation as mediator', (c) => event('failed', { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: c.p.orgs.vcs })(c), 400, 'VALIDATION_FAILED', ['mediatorOrganisationId']],
  ['a mediator id that is no uuid', event('failed', { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: 'compact-voice' }), 400, 'VALIDATION_FAILED', ['mediatorOrganisationId']],
  ['no mediator', event('failed', { type: 'REFER_TO_MEDIATION' }), 400, 'VALIDATION_FAILED', ['mediatorOrganisationId']],
  ['a bad If-Match', event('discussing', { type: 'ADD_NOTE', note: 'hi' }, 'vcs', { 'if-match': 'abc' }), 400, 'VALIDATION_FAILED', ['If-Match']],
  ['a negative If-Match', event('discussing', { type: 'ADD_NOTE', note: 'hi' }, 'vcs', { 'if-match': '"-1"' }), 400, 'VALIDATION_FAILED', ['If-Match']],
  ['a stale If-Match', event('discussing', { type: 'ADD_NOTE', note: 'hi' }, 'vcs', { 'if-match': '"1"' }), 409, 'VERSION_CONFLICT'],
  ['an event the sender may not send', event('discussing', { type: 'ACKNOWLEDGE' }, 'vcs'), 403, 'FORBIDDEN_EVENT'],
  ['a mediator’s event from a party', event('discussing', { type: 'MEDIATOR_ACCEPT' }, 'council'), 403, 'FORBIDDEN_EVENT'],
  ['a system event from a party', event('discussing', { type: 'NEGOTIATION_PERIOD_ENDED' }, 'council'), 403, 'FORBIDDEN_EVENT'],
  ['an event the state does not allow', event('discussing', { type: 'CLOSE' }, 'council'), 409, 'TRANSITION_NOT_ALLOWED'],
  ['a referral before negotiation failed', (c) => event('discussing', { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: c.p.orgs.mediator })(c), 409, 'TRANSITION_NOT_ALLOWED'],
  ['an unknown case', (c) => c.t.api.event(randomUUID(), { type: 'ADD_NOTE', note: 'hi' }, c.p.vcs.token), 404, 'NOT_FOUND'],
  ['a case id that is no uuid', (c) => c.t.api.event('nope', { type: 'ADD_NOTE', note: 'hi' }, c.p.vcs.token), 404, 'NOT_FOUND'],
];

const READS_AND_ADMIN: Attempt[] = [
  ['GET an unknown case', (c) => c.t.api.get(`/api/v1/cases/${randomUUID()}`, c.p.vcs.token), 404, 'NOT_FOUND'],
  ['GET the history of an unknown case', (c) => c.t.api.get(`/api/v1/cases/${randomUUID()}/history`, c.p.board.token), 404, 'NOT_FOUND'],
  ['a cursor that is not one', list('cursor=not-a-cursor'), 400, 'VALIDATION_FAILED', ['cursor']],
  ['a cursor with no id', list(`cursor=${Buffer.from('123|').toString('base64url')}`), 400, 'VALIDATION_FAILED', ['cursor']],
  ['an unknown state filter', list('state=pending'), 400, 'VALIDATION_FAILED', ['state']],
  ['a repeated state filter', list('state=raised&state=closed'), 400, 'VALIDATION_FAILED', ['state']],
  ['an unknown undertaking filter', list('undertaking=9.9'), 400, 'VALIDATION_FAILED', ['undertaking']],
  ['an organisation filter that is no uuid', list('organisation=council'), 400, 'VALIDATION_FAILED', ['organisation']],
  ['limit 0', list('limit=0'), 400, 'VALIDATION_FAILED', ['limit']],
  ['limit 101', list('limit=101'), 400, 'VALIDATION_FAILED', ['limit']],
  ['limit abc', list('limit=abc'), 400, 'VALIDATION_FAILED', ['limit']],
  ['limit 1.5', list('limit=1.5'), 400, 'VALIDATION_FAILED', ['limit']],
  ['an unknown filter', list('colour=red'), 400, 'VALIDATION_FAILED', ['colour']],
  ['an organisation of an unknown kind', (c) => c.t.api.post('/api/v1/organisations', { name: 'Y', kind: 'charity' }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['kind']],
  ['a blank organisation name', (c) => c.t.api.post('/api/v1/organisations', { name: ' ', kind: 'vcs' }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['name']],
  ['a user with a bad email', (c) => c.t.api.post('/api/v1/users', { name: 'Y', email: 'not-an-email', role: 'board' }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['email']],
  ['a user with a bad role', (c) => c.t.api.post('/api/v1/users', { name: 'Y', email: 'y@example.org', role: 'superuser' }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['role']],
  ['a party user with no organisation', (c) => c.t.api.post('/api/v1/users', { name: 'Y', email: 'y@example.org', role: 'party' }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['organisationId']],
  ['a party user in a mediator organisation', (c) => c.t.api.post('/api/v1/users', { name: 'Y', email: 'y@example.org', role: 'party', organisationId: c.p.orgs.mediator }, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', ['organisationId']],
];

/** Every POST route of the API, with a caller whose role may use it. */
const POST_ROUTES: Array<[name: string, path: (c: Ctx) => string, token: (c: Ctx) => string]> = [
  ['POST /cases', () => '/api/v1/cases', (c) => c.p.vcs.token],
  ['POST /cases/:id/events', (c) => `/api/v1/cases/${c.discussing}/events`, (c) => c.p.vcs.token],
  ['POST /organisations', () => '/api/v1/organisations', () => ADMIN_TOKEN],
  ['POST /users', () => '/api/v1/users', () => ADMIN_TOKEN],
  ['POST /users/:id/tokens', (c) => `/api/v1/users/${c.p.board.userId}/tokens`, () => ADMIN_TOKEN],
  ['POST /users/:id/deactivate', (c) => `/api/v1/users/${c.p.board.userId}/deactivate`, () => ADMIN_TOKEN],
  ['POST /outbox/:id/retry', () => `/api/v1/outbox/${randomUUID()}/retry`, () => ADMIN_TOKEN],
];
const ADMIN_ROUTES = POST_ROUTES.filter(([route]) => /organisations|users|outbox/.test(route));

const NOTE = '{"type":"ADD_NOTE","note":"hi"}';
/** Bodies whose Content-Encoding lies. */
const LYING_ENCODINGS: Array<[name: string, encoding: string, body: Uint8Array]> = [
  ['a gzip header on plain JSON', 'gzip', Buffer.from(NOTE)],
  ['truncated gzip', 'gzip', gzipSync(Buffer.from(NOTE)).subarray(0, 14)],
  ['broken deflate', 'deflate', Buffer.concat([deflateSync(Buffer.from(NOTE)).subarray(0, 4), Buffer.from('garbage')])],
  ['broken br', 'br', Buffer.from('this is not brotli')],
];
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const send = (path: (c: Ctx) => string, token: (c: Ctx) => string | undefined, rawBody: string | Uint8Array, headers: Record<string, string> = {}) => (c: Ctx) =>
  c.t.api.request('POST', path(c), { token: token(c), rawBody, headers: { 'content-type': 'application/json', ...headers } });

const ENCODINGS: Attempt[] = POST_ROUTES.flatMap(([route, path, token]) =>
  LYING_ENCODINGS.map(([name, encoding, body]): Attempt => [`${name} (${route})`, send(path, token, body, { 'content-encoding': encoding }), 400, 'MALFORMED_JSON']),
);

const DEPTH: Attempt[] = [
  ...POST_ROUTES.map(([route, path, token]): Attempt => [`JSON nested 1,500 deep (${route})`, send(path, token, nested(1500)), 400, 'VALIDATION_FAILED', ['(body)']]),
  ['an array nested 1,500 deep (event)', send(eventsPath, (c) => c.p.vcs.token, `{"type":"ADD_NOTE","note":${'['.repeat(1500)}${']'.repeat(1500)}}`), 400, 'VALIDATION_FAILED', ['(body)']],
  ['JSON nested 33 deep (event)', send(eventsPath, (c) => c.p.vcs.token, nested(33)), 400, 'VALIDATION_FAILED', ['(body)']],
];

/** Whatever a party sends to an administrator's route, the answer is 403 (roles are checked before bodies). */
const PARTY_BODIES: Array<[name: string, body: string | Uint8Array, headers?: Record<string, string>]> = [
  ['a valid body', '{"name":"Sneaky","email":"sneaky@example.org","role":"admin","kind":"vcs"}'],
  ['malformed JSON', '{"name": '],
  ['JSON nested 1,500 deep', nested(1500)],
  ['text/plain', 'name=x', { 'content-type': 'text/plain' }],
  ['a body over 100 kB', JSON.stringify({ name: long(101 * 1024) })],
  ['a lying gzip header', Buffer.from('{"name":"x"}'), { 'content-encoding': 'gzip' }],
  ['a lone surrogate', '{"name":"\\ud800","email":"\\ud800@example.org"}'],
];
const ROLES_FIRST: Attempt[] = [
  ...ADMIN_ROUTES.flatMap(([route, path]) =>
    PARTY_BODIES.map(([name, body, headers]): Attempt => [`a party posting ${name} to ${route}`, send(path, (c) => c.p.vcs.token, body, headers), 403, 'FORBIDDEN']),
  ),
  ['an administrator posting an event body to raise a case', send(casesPath, () => ADMIN_TOKEN, '{"type":"ADD_NOTE"'), 403, 'FORBIDDEN'],
  ['no token and malformed JSON', send(casesPath, () => undefined, '{"kind": '), 401, 'UNAUTHENTICATED'],
  ['no token and a lying gzip header', send(casesPath, () => undefined, Buffer.from('{}'), { 'content-encoding': 'gzip' }), 401, 'UNAUTHENTICATED'],
];

/** Text no column can hold, as JSON escapes: half a surrogate pair (not Unicode at all), and NUL (PostgreSQL refuses it). */
const BAD_TEXT: Array<[name: string, text: string]> = [
  ['a lone high surrogate', '\\ud800'],
  ['a lone low surrogate', 'ab\\udc00cd'],
  ['a NUL character', 'a\\u0000b'],
];
const TEXT: Attempt[] = BAD_TEXT.flatMap(([what, text]): Attempt[] => {
  const email = `x${text}@example.org`;
  const json = (fields: Record<string, string>) => `{${Object.entries(fields).map(([k, v]) => `"${k}":"${v}"`).join(',')}}`;
  return [
    [`${what} in a new user's email`, send(() => '/api/v1/users', () => ADMIN_TOKEN, json({ name: 'Y', email, role: 'board' })), 400, 'VALIDATION_FAILED', ['email']],
    [`${what} in a new user's name`, send(() => '/api/v1/users', () => ADMIN_TOKEN, json({ name: `Y${text}`, email: 'y@example.org', role: 'board' })), 400, 'VALIDATION_FAILED', ['name']],
    [`${what} in an organisation name`, send(() => '/api/v1/organisations', () => ADMIN_TOKEN, json({ name: text, kind: 'vcs' })), 400, 'VALIDATION_FAILED', ['name']],
    [`${what} in a note`, send(eventsPath, (c) => c.p.vcs.token, json({ type: 'ADD_NOTE', note: `hello ${text}` })), 400, 'VALIDATION_FAILED', ['note']],
    [`${what} in a token label`, send((c) => `/api/v1/users/${c.p.board.userId}/tokens`, () => ADMIN_TOKEN, json({ label: text })), 400, 'VALIDATION_FAILED', ['label']],
    [`${what} in a field name`, send(eventsPath, (c) => c.p.vcs.token, `{"type":"ADD_NOTE","note":"hi","${text}":1}`), 400, 'VALIDATION_FAILED', ['(body)']],
  ];
});

const cursorOf = (text: string) => `cursor=${Buffer.from(text).toString('base64url')}`;
const CURSORS: Attempt[] = [
  ['a cursor past the last instant a date can hold', list(cursorOf(`8640000000000001|${randomUUID()}`)), 400, 'VALIDATION_FAILED', ['cursor']],
  ['a cursor with a 17-digit time', list(cursorOf(`99999999999999999|${randomUUID()}`)), 400, 'VALIDATION_FAILED', ['cursor']],
  ['a cursor with a time of 400 digits', list(cursorOf(`${'9'.repeat(400)}|${randomUUID()}`)), 400, 'VALIDATION_FAILED', ['cursor']],
  ['a cursor whose id is SQL', list(cursorOf("1|x' OR '1'='1")), 400, 'VALIDATION_FAILED', ['cursor']],
];

describe('bad input: a clear 4xx problem, and the database unchanged', () => {
  const ctx = {} as Ctx;

  beforeAll(async () => {
    ctx.t = await startTestApp();
    ctx.p = await seedParties(ctx.t.api);
    const f = new CaseFactory(ctx.t.api, ctx.p);
    ctx.discussing = (await f.place('discussing')).id;
    ctx.failed = (await f.place('negotiationFailed')).id;
    ctx.formal = (await f.place('formal')).id;
  });
  afterAll(() => ctx.t?.close());

  describe.each([
    ['unusable bodies', BODIES],
    ['raising a case', CASE_CREATION],
    ['sending an event', EVENTS],
    ['listing, reading and administration', READS_AND_ADMIN],
    ['a Content-Encoding that lies, on every POST route', ENCODINGS],
    ['deeply nested JSON', DEPTH],
    ['roles before bodies', ROLES_FIRST],
    ['text no column can hold', TEXT],
    ['cursors out of range', CURSORS],
  ] as Array<[string, Attempt[]]>)('%s', (_group, attempts) => {
    it.each(attempts.map((a) => [a[0], a] as const))('%s', async (_name, [, send, status, code, fields]) => {
      const before = await dumpDatabase(ctx.t.dataSource);
      const res = await send(ctx);
      expectProblem(res, status, code, fields);
      if (code === 'TRANSITION_NOT_ALLOWED' || code === 'FORBIDDEN_EVENT') expect(res.body.allowedEvents).toEqual(expect.any(Array));
      if (code === 'VERSION_CONFLICT') expect(res.body.currentVersion).toBe(2);
      expect(await dumpDatabase(ctx.t.dataSource)).toEqual(before);
    });
  });

  it('still accepts the well-formed versions of the same requests (the refusals above were about the input)', async () => {
    const { t, p } = ctx;
    expect((await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).status).toBe(201);
    expect((await t.api.event(ctx.discussing, { type: 'ADD_NOTE', note: 'x'.repeat(5000) }, p.vcs.token, { 'if-match': '"2"' })).status).toBe(200);
    expect((await t.api.event(ctx.discussing, { type: 'RECORD_MEETING', heldOn: '2026-11-02', summary: 'Met' }, p.vcs.token)).status).toBe(200);
    expect((await t.api.get('/api/v1/cases?state=negotiation&undertaking=4.5&limit=100', p.vcs.token)).status).toBe(200);
    // Compressed bodies that are what they say are read; odd but valid Unicode is kept as sent.
    const zipped = await t.api.request('POST', `/api/v1/cases/${ctx.discussing}/events`, {
      token: p.vcs.token,
      rawBody: gzipSync(Buffer.from(JSON.stringify({ type: 'ADD_NOTE', note: 'Zipped 🙂 \u200b\u202e ﷽' }))),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(zipped.status).toBe(200);
    const history = await t.api.get(`/api/v1/cases/${ctx.discussing}/history`, p.vcs.token);
    expect(history.body.entries.at(-1).payload.note).toBe('Zipped 🙂 \u200b\u202e ﷽');
    // A cursor the API gave out still pages.
    const first = await t.api.get('/api/v1/cases?limit=1', p.vcs.token);
    const next = await t.api.get(`/api/v1/cases?limit=1&cursor=${first.body.nextCursor}`, p.vcs.token);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});
