import { WorkflowRegistry } from '@compact/application';
import { ErrorCode } from '@compact/domain';
import { STATUS_OF } from '../apps/server/src/http/problem-details';
import { ApiResponse } from './support/api-client';
import { download, fixture, upload } from './support/documents';
import { OpenApiConformance } from './support/openapi-conformance';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PROBLEM_REF = '#/components/schemas/Problem';
/** Operations whose success is bytes (a document), not JSON. */
const BINARY_SUCCESS = ['downloadDocument', 'getCaseBundle'];
const binaryOf = (response: Json): boolean => {
  const content = Object.entries<Json>(response.content ?? {});
  return content.length === 1 && content[0][0] === 'application/octet-stream' && content[0][1].schema?.format === 'binary';
};

/*
 * The OpenAPI document the real app serves at /api/docs-json: what redocly's rules cannot know
 * (every error response is a Problem naming its codes, the events' discriminator covers the
 * workflow, ids are UUIDs, the constraints the server enforces are written down), and that what
 * the server really answers, successes and errors alike, conforms to what the document says.
 */
describe('the OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let p: Parties;
  let doc: Json;
  let conformance: OpenApiConformance;
  const operations: Array<{ method: string; path: string; op: Json }> = [];

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    const res = await t.api.get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    conformance = new OpenApiConformance(doc);
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const method of METHODS) if (item[method]) operations.push({ method, path, op: item[method] });
    }
  });

  afterAll(() => t?.close());

  const schemas = () => doc.components.schemas as Record<string, Json>;
  const op = (id: string) => {
    const found = operations.find((o) => o.op.operationId === id);
    if (!found) throw new Error(`no operation ${id}`);
    return found.op;
  };
  /** Every failure of a check over all operations, so that one run names them all. */
  const eachOperation = (check: (o: { method: string; path: string; op: Json }) => string[]) =>
    operations.flatMap((o) => check(o).map((problem) => `${o.method.toUpperCase()} ${o.path}: ${problem}`));

  it('is OpenAPI 3.0 with a server, a licence, a contact and described root tags covering every operation', () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(doc.info).toMatchObject({ license: { name: 'UNLICENSED', url: expect.any(String) }, contact: { name: expect.any(String) } });
    const tags = doc.tags.map((tag: Json) => tag.name);
    expect(doc.tags.every((tag: Json) => typeof tag.description === 'string' && tag.description.length > 10)).toBe(true);
    expect(eachOperation(({ op }) => (op.tags ?? []).filter((tag: string) => !tags.includes(tag)).map((tag: string) => `tag ${tag} is not a root tag`))).toEqual([]);
    expect(eachOperation(({ op }) => (op.tags?.length === 1 ? [] : ['has no tag'])))
      .toEqual([]);
  });

  it('gives every operation a unique operationId, a summary and a description', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(eachOperation(({ op }) => [op.summary ? '' : 'no summary', op.description ? '' : 'no description'].filter(Boolean))).toEqual([]);
  });

  it('describes opaque bearer tokens, needed everywhere but /health, the Compact and its calculators (security: [] there)', () => {
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: expect.any(String) });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const open = operations.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0).map((o) => o.op.operationId);
    expect(open.sort()).toEqual(['checkConsultation', 'checkNotice', 'getCompact', 'getHealth', 'getUndertaking']);
    expect(eachOperation(({ op }) => (op.security === undefined ? ['no security of its own'] : []))).toEqual([]);
  });

  it('documents a success with a schema for every operation', () => {
    expect(
      eachOperation(({ op }) => {
        const success = Object.entries<Json>(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (success.length !== 1) return [`${success.length} success responses`];
        // A download is bytes, documented as such; everything else answers a named JSON schema.
        if (BINARY_SUCCESS.includes(op.operationId)) return binaryOf(success[0][1]) ? [] : ['its success is not documented as bytes'];
        const schema = success[0][1].content?.['application/json']?.schema;
        return schema?.$ref || schema?.items?.$ref ? [] : ['its success has no named schema'];
      }),
    ).toEqual([]);
  });

  it('answers every error as a Problem (application/problem+json), naming each code it can carry with an example of the right status', () => {
    expect(
      eachOperation(({ op }) =>
        Object.entries<Json>(op.responses)
          .filter(([status]) => /^[45]\d\d$/.test(status))
          .flatMap(([status, response]) => {
            const content = response.content ?? {};
            if (Object.keys(content).join() !== 'application/problem+json') return [`${status} is not (only) application/problem+json`];
            const media = content['application/problem+json'];
            if (media.schema?.$ref !== PROBLEM_REF) return [`${status} does not reference the Problem schema`];
            const codes = Object.keys(media.examples ?? {});
            if (codes.length === 0) return [`${status} names no code`];
            return codes.flatMap((code) => {
              const example = media.examples[code].value;
              const wrong = STATUS_OF[code as ErrorCode] !== Number(status) ? [`${code} is not a ${status}`] : [];
              const conforms = conformance.problems({ $ref: PROBLEM_REF }, example).map((e) => `${status} example ${code}: ${e}`);
              return [...wrong, ...(example.code === code ? [] : [`example ${code} has code ${example.code}`]), ...conforms];
            });
          }),
      ),
    ).toEqual([]);
    // Every authenticated operation can answer 401 and 429 (with Retry-After); every one has some 4xx.
    expect(
      eachOperation(({ op }) => {
        const statuses = Object.keys(op.responses);
        const problems = op.security.length > 0 && !(statuses.includes('401') && op.responses['429']?.headers?.['Retry-After']) ? ['no 401 or 429 with Retry-After'] : [];
        return op.operationId === 'getHealth' || statuses.some((s) => /^4/.test(s)) ? problems : [...problems, 'no 4xx response'];
      }),
    ).toEqual([]);
  });

  it('has one Problem schema: the members problem-details.ts builds, `code` an enum of every ErrorCode, and the extension members', () => {
    const problem = schemas().Problem;
    expect(problem.type).toBe('object');
    expect(problem.required.sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type']);
    expect(problem.properties.code.enum.sort()).toEqual(Object.values(ErrorCode).sort());
    for (const extension of ['errors', 'allowedEvents', 'currentVersion', 'state']) expect(problem.properties).toHaveProperty(extension);
    expect(problem.properties.errors.items.required).toEqual(['field', 'message']);
    expect(problem.properties.currentVersion.type).toBe('integer');
  });

  it('gives the events body a discriminator on `type` mapping every event a person can send in the current workflow, and a confidential note', () => {
    const workflow = t.app.get(WorkflowRegistry).default;
    const personSent = [...Object.values(workflow.events).filter((def) => !def.senders.startsWith('the system')).map((def) => def.type), 'CONFIDENTIAL_NOTE'];
    expect(personSent.length).toBeGreaterThan(10);
    const body = op('sendCaseEvent').requestBody;
    expect(body.required).toBe(true);
    const caseEvent = conformance.resolve(body.content['application/json'].schema);
    expect(caseEvent.discriminator.propertyName).toBe('type');
    expect(Object.keys(caseEvent.discriminator.mapping).sort()).toEqual([...personSent].sort());
    expect(caseEvent.oneOf.map((s: Json) => s.$ref).sort()).toEqual(Object.values<string>(caseEvent.discriminator.mapping).sort());
    for (const [type, target] of Object.entries<string>(caseEvent.discriminator.mapping)) {
      const schema = conformance.resolve({ $ref: target });
      expect({ type, enum: schema.properties.type.enum, required: schema.required.includes('type'), additionalProperties: schema.additionalProperties }).toEqual({
        type,
        enum: [type],
        required: true,
        additionalProperties: false,
      });
    }
    // The system's own deadline events are not offered.
    expect(caseEvent.discriminator.mapping).not.toHaveProperty('ACKNOWLEDGEMENT_OVERDUE');
    // Any event may cite documents attached to the case.
    const note = conformance.resolve({ $ref: caseEvent.discriminator.mapping.ADD_NOTE });
    expect(note.properties.documents).toMatchObject({ type: 'array', items: { type: 'string', format: 'uuid' } });
  });

  it('types every id as a UUID, path parameters included', () => {
    // Ids that are not UUIDs: an undertaking's number, the Compact's and calendars' names, an agreed action's a1, a2, ...
    const notUuids = [
      'Undertaking.id',
      'Compact.id',
      'CaseView.compact.id',
      'DeadlineView.calendarId',
      'PendingDeadline.calendarId',
      'CaseEvent_ACTION_DONE.actionId',
      'CaseEvent_ACTION_CONFIRMED.actionId',
      'CaseEvent_AGREEMENT_NOT_KEPT.actionId',
      'CaseRules.calendar.id',
    ];
    const wrong: string[] = [];
    const walk = (schema: Json, at: string) => {
      for (const [name, member] of Object.entries<Json>(schema.properties ?? {})) {
        const path = `${at}.${name}`;
        if ((name === 'id' || /Id$/.test(name)) && !notUuids.includes(path)) {
          const resolved = member.allOf ? member.allOf[0] : member;
          if (resolved.format !== 'uuid') wrong.push(`${path} is ${JSON.stringify(member)}`);
        }
        if (member.type === 'object') walk(member, path);
      }
    };
    for (const [name, schema] of Object.entries(schemas())) walk(schema, name);
    expect(wrong).toEqual([]);
    expect(
      eachOperation(({ path, op }) =>
        (op.parameters ?? [])
          .filter((param: Json) => param.in === 'path' && path !== '/api/v1/compact/undertakings/{id}')
          .filter((param: Json) => param.schema?.format !== 'uuid')
          .map((param: Json) => `path parameter ${param.name} is not a uuid`),
      ),
    ).toEqual([]);
    expect(op('getUndertaking').parameters[0].schema).toEqual({ $ref: '#/components/schemas/UndertakingId' });
    expect(schemas().UndertakingId.enum).toContain('3.11a');
  });

  it('writes down the constraints the server enforces: nullable strings, integers with bounds, dates, email, lengths, items, enums', () => {
    const s = schemas();
    expect(s.RaiseCaseRequest.properties.desiredOutcome).toMatchObject({ type: 'string', nullable: true, maxLength: 5000 });
    expect(s.CreateUserRequest.properties.organisationId).toMatchObject({ type: 'string', format: 'uuid', nullable: true });
    expect(s.CreateUserRequest.properties.email).toMatchObject({ type: 'string', format: 'email', maxLength: 320 });
    expect(s.RaiseCaseRequest.properties.becameAwareOn).toMatchObject({ type: 'string', format: 'date' });
    expect(s.RaiseCaseRequest.properties.respondentOrganisationId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(s.RaiseCaseRequest.properties.undertakings).toMatchObject({ type: 'array', maxItems: 60, items: { $ref: '#/components/schemas/UndertakingId' } });
    expect(s.RaiseCaseRequest.properties.title).toMatchObject({ minLength: 1, maxLength: 200, pattern: '\\S' });
    expect(s.CreateOrganisationRequest.properties.kind.enum).toEqual(['public-body', 'vcs', 'mediator']);
    for (const name of ['RaiseCaseRequest', 'CreateUserRequest', 'CreateOrganisationRequest', 'IssueTokenRequest']) expect([name, s[name].additionalProperties]).toEqual([name, false]);
    const param = (id: string, name: string) => op(id).parameters.find((x: Json) => x.name === name).schema;
    expect(param('listCases', 'limit')).toEqual({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    expect(param('listAdminAudit', 'limit')).toEqual({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    // Every installed version's stages, in escalation order: cases on v1 and v2 are filtered alike.
    expect(param('listCases', 'state').enum).toEqual(['raised', 'negotiation', 'mediation', 'formal', 'monitoring', 'resolved', 'closed']);
    expect(param('listCases', 'organisation').format).toBe('uuid');
    expect(param('listOutbox', 'status').enum).toEqual(['pending', 'sending', 'sent', 'failed']);
    expect(param('listOrganisations', 'kind').enum).toEqual(['public-body', 'vcs', 'mediator']);
    for (const [id, names] of [['checkNotice', ['given', 'ends']], ['checkConsultation', ['opens', 'closes']]] as const) {
      const params = op(id).parameters.map((x: Json) => ({ name: x.name, in: x.in, required: x.required, format: x.schema.format }));
      expect(params).toEqual(names.map((name) => ({ name, in: 'query', required: true, format: 'date' })));
    }
  });

  it('documents the ETag of the case routes, If-Match on events and VERSION_CONFLICT', () => {
    for (const [id, status] of [['raiseCase', '201'], ['getCase', '200'], ['sendCaseEvent', '200']]) {
      expect([id, op(id).responses[status].headers?.ETag?.schema]).toEqual([id, { type: 'string', pattern: '^"[0-9]+"$' }]);
    }
    const ifMatch = op('sendCaseEvent').parameters.find((x: Json) => x.in === 'header');
    expect(ifMatch).toMatchObject({ name: 'If-Match', required: false });
    expect(new RegExp(ifMatch.schema.pattern).test('"3"')).toBe(true);
    expect(Object.keys(op('sendCaseEvent').responses['409'].content['application/problem+json'].examples)).toContain('VERSION_CONFLICT');
  });

  it('the conformance check itself refuses a member left out, one not documented, a wrong format and a wrong enum', () => {
    const problems = conformance.problems({ $ref: '#/components/schemas/Organisation' }, { id: 'not-a-uuid', name: 'X', kind: 'charity', colour: 'red' });
    expect(problems).toEqual([
      '$.createdAt: required, but missing',
      '$.id: "not-a-uuid" is not format uuid',
      '$.kind: "charity" is not one of the documented ["public-body","vcs","mediator"]',
      '$.colour: sent, but not documented',
    ]);
  });

  it('matches what the server really answers: every success conforms to its schema, every error is a documented code of its operation', async () => {
    const seen: string[] = [];
    const mismatches: string[] = [];
    const check = (operationId: string, res: ApiResponse) => {
      seen.push(operationId);
      const response = op(operationId).responses[String(res.status)];
      const label = `${operationId} ${res.status}`;
      if (!response) return mismatches.push(`${label}: status not documented (${JSON.stringify(res.body)})`);
      const media = res.contentType.split(';')[0].trim();
      // Bytes (a document) are sent with their own type; they are documented as any bytes.
      if (/^2/.test(String(res.status)) && binaryOf(response)) return;
      const documented = response.content?.[media];
      if (!documented) return mismatches.push(`${label}: ${media} not documented`);
      if (media === 'application/problem+json' && !Object.keys(documented.examples).includes(res.body.code)) {
        mismatches.push(`${label}: code ${res.body.code} not documented`);
      }
      mismatches.push(...conformance.problems(documented.schema, res.body).map((e) => `${label}: ${e}`));
      for (const header of Object.keys(response.headers ?? {})) if (!res.headers.get(header)) mismatches.push(`${label}: no ${header} header`);
    };
    const admin = ADMIN_TOKEN;
    check('getHealth', await t.api.get('/health'));
    check('getCompact', await t.api.get('/api/v1/compact'));
    check('getUndertaking', await t.api.get('/api/v1/compact/undertakings/3.11a'));
    check('getUndertaking', await t.api.get('/api/v1/compact/undertakings/9.9'));
    check('checkNotice', await t.api.get('/api/v1/tools/notice?given=2026-11-30&ends=2027-01-31'));
    check('checkNotice', await t.api.get('/api/v1/tools/notice?given=2026-06-15&ends=2026-09-15'));
    check('checkNotice', await t.api.get('/api/v1/tools/notice?given=2026-12-01&ends=2026-11-30'));
    check('checkConsultation', await t.api.get('/api/v1/tools/consultation?opens=2027-01-04&closes=2027-03-05'));
    check('checkConsultation', await t.api.get('/api/v1/tools/consultation?opens=2027-02-30'));
    check('createOrganisation', await t.api.post('/api/v1/organisations', { name: 'Docs Trust', kind: 'vcs' }, admin));
    check('createOrganisation', await t.api.post('/api/v1/organisations', { name: 'docs trust', kind: 'vcs' }, admin));
    check('createOrganisation', await t.api.request('POST', '/api/v1/organisations', { token: admin, rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }));
    check('createOrganisation', await t.api.post('/api/v1/organisations', { name: 'X', kind: 'vcs' }, p.vcs.token));
    check('listOrganisations', await t.api.get('/api/v1/organisations', p.vcs.token));
    check('listOrganisations', await t.api.get('/api/v1/organisations?kind=charity', p.vcs.token));
    const created = await t.api.post('/api/v1/users', { name: 'Dee', email: 'dee@example.org', role: 'party', organisationId: p.orgs.vcs }, admin);
    check('createUser', created);
    check('createUser', await t.api.post('/api/v1/users', { name: 'Dee', email: 'dee@example.org', role: 'party', organisationId: p.orgs.vcs }, admin));
    check('listUsers', await t.api.get('/api/v1/users', admin));
    check('listUsers', await t.api.get('/api/v1/users', p.vcs.token));
    check('listUsers', await t.api.get('/api/v1/users'));
    check('issueApiToken', await t.api.post(`/api/v1/users/${created.body.id}/tokens`, { label: 'docs' }, admin));
    check('deactivateUser', await t.api.post(`/api/v1/users/${created.body.id}/deactivate`, undefined, admin));
    check('issueApiToken', await t.api.post(`/api/v1/users/${created.body.id}/tokens`, {}, admin));

    const raised = await t.api.post('/api/v1/cases', breachOf45(p, { desiredOutcome: null }), p.vcs.token);
    check('raiseCase', raised);
    check('raiseCase', await t.api.post('/api/v1/cases', { title: ' ' }, p.vcs.token));
    const id = raised.body.id;
    check('getCase', await t.api.get(`/api/v1/cases/${id}`, p.council.token));
    check('getCase', await t.api.get('/api/v1/cases/00000000-0000-4000-8000-000000000000', p.council.token));
    check('sendCaseEvent', await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.vcs.token));
    check('sendCaseEvent', await t.api.event(id, { type: 'ACKNOWLEDGE', note: null }, p.council.token, { 'if-match': '"1"' }));
    check('sendCaseEvent', await t.api.event(id, { type: 'ADD_NOTE', note: 'Late' }, p.council.token, { 'if-match': '"1"' }));
    check('sendCaseEvent', await t.api.event(id, { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token));
    check('sendCaseEvent', await t.api.event(id, { type: 'ADD_NOTE' }, p.vcs.token));
    check('listCases', await t.api.get(`/api/v1/cases?limit=1&undertaking=4.5&state=negotiation`, p.vcs.token));
    check('listCases', await t.api.get('/api/v1/cases?limit=0', p.vcs.token));
    check('getCaseHistory', await t.api.get(`/api/v1/cases/${id}/history`, p.board.token));
    check('verifyCaseHistory', await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token));
    check('getBoardStatistics', await t.api.get('/api/v1/board/statistics', p.board.token));
    check('getBoardStatistics', await t.api.get('/api/v1/board/statistics', p.vcs.token));
    check('getBoardStatistics', await t.api.get('/api/v1/board/statistics?raisedFrom=2020-01-01&raisedTo=2099-12-31', p.board.token));
    check('getBoardStatistics', await t.api.get('/api/v1/board/statistics?raisedFrom=2026-02-30', p.board.token));
    check('listCases', await t.api.get('/api/v1/cases?outcome=open,monitoring&raisedFrom=2020-01-01&missed=true', p.board.token));
    check('listCases', await t.api.get('/api/v1/cases?outcome=won', p.board.token));
    check('listDeadlines', await t.api.get('/api/v1/deadlines', p.council.token));
    check('listDeadlines', await t.api.get('/api/v1/deadlines?due_before=soon', p.council.token));
    const outbox = await t.api.get('/api/v1/outbox', admin);
    check('listOutbox', outbox);
    check('retryOutboxMessage', await t.api.post(`/api/v1/outbox/${outbox.body.items[0].id}/retry`, undefined, admin));
    check('listAdminAudit', await t.api.get('/api/v1/admin/audit?limit=2', p.board.token));
    check('listAdminAudit', await t.api.get('/api/v1/admin/audit', p.vcs.token));
    check('verifyAdminAudit', await t.api.get('/api/v1/admin/audit/verify', admin));
    const migration = { from: 'compact-dispute/v1', to: 'compact-dispute/v2', reason: 'preview', dryRun: true };
    check('migrateCases', await t.api.post('/api/v1/admin/migrations', migration, admin));
    check('migrateCases', await t.api.post('/api/v1/admin/migrations', migration, p.vcs.token));
    check('migrateCases', await t.api.post('/api/v1/admin/migrations', { ...migration, to: 'compact-dispute/v9' }, admin));

    const documented = (await upload(t.baseUrl, id, p.vcs.token, { name: 'grant-letter.pdf', bytes: fixture('grant-letter.pdf') })).body;
    check('attachDocument', await upload(t.baseUrl, id, p.vcs.token, { name: 'grant-letter.pdf', bytes: fixture('grant-letter.pdf') }));
    check('attachDocument', await upload(t.baseUrl, id, p.vcs.token, { name: 'page-named.pdf', bytes: fixture('page-named.pdf') }));
    check('attachDocument', await upload(t.baseUrl, id, p.board.token, { name: 'grant-letter.pdf', bytes: fixture('grant-letter.pdf') }));
    check('attachDocument', await t.api.post(`/api/v1/cases/${id}/documents`, {}, p.vcs.token));
    check('sendCaseEvent', await t.api.event(id, { type: 'ADD_NOTE', note: 'The letter', documents: [documented.id] }, p.vcs.token));
    const noDocuments = await t.api.event(id, { type: 'ADD_NOTE', note: 'Nothing attached', documents: null }, p.vcs.token);
    expect(noDocuments.status).toBe(200);
    check('sendCaseEvent', noDocuments);
    check('listCaseDocuments', await t.api.get(`/api/v1/cases/${id}/documents`, p.council.token));
    check('listCaseDocuments', await t.api.get(`/api/v1/cases/${id}/documents`, p.vcs2.token));
    const got = await download(t.baseUrl, id, documented.id, p.council.token);
    check('downloadDocument', { status: got.status, headers: got.headers, body: null, contentType: got.headers.get('content-type') ?? '' });
    const missing = await t.api.get(`/api/v1/cases/${id}/documents/00000000-0000-4000-8000-000000000000`, p.council.token);
    check('downloadDocument', missing);
    check('verifyCaseHistory', await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token));
    const bundle = await fetch(`${t.baseUrl}/api/v1/cases/${id}/bundle`, { headers: { authorization: `Bearer ${p.board.token}` } });
    await bundle.arrayBuffer();
    check('getCaseBundle', { status: bundle.status, headers: bundle.headers, body: null, contentType: bundle.headers.get('content-type') ?? '' });
    check('getCaseBundle', await t.api.get(`/api/v1/cases/${id}/bundle`, p.vcs2.token));

    expect(mismatches).toEqual([]);
    // Every operation was exercised at least once.
    expect([...new Set(seen)].sort()).toEqual(operations.map((o) => o.op.operationId).sort());
  });
});
