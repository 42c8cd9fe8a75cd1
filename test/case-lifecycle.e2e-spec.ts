import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';

describe('a case through the escalation path over HTTP', () => {
  let t: TestApp;
  let p: Parties;

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
  });
  afterAll(() => t.close());

  it('refuses a breach between two organisations of the same side, with the reason, and accepts the disagreement', async () => {
    const before = (await t.api.get('/api/v1/cases', p.vcs.token)).body.items.length;
    const breach = await t.api.post('/api/v1/cases', breachOf45(p, { respondentOrganisationId: p.orgs.vcs2, undertakings: ['1.6'] }), p.vcs.token);
    expect(breach.status).toBe(400);
    expect(breach.body.code).toBe('VALIDATION_FAILED');
    expect(breach.body.errors).toEqual([
      { field: 'kind', message: expect.stringMatching(/^a breach cannot be raised between two voluntary and community organisations: the Compact's undertakings bind each side towards the other/) },
    ]);
    expect((await t.api.get('/api/v1/cases', p.vcs.token)).body.items.length).toBe(before);
    const disagreement = await t.api.post('/api/v1/cases', breachOf45(p, { respondentOrganisationId: p.orgs.vcs2, kind: 'disagreement', undertakings: ['1.6'] }), p.vcs.token);
    expect(disagreement.status).toBe(201);
  });

  it('raises a breach of 4.5, negotiates, mediates, escalates to the ombudsman and records the decision', async () => {
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    expect(raised.headers.get('etag')).toBe('"1"');
    expect(raised.body).toMatchObject({ state: 'raised', statePath: 'raised.awaitingAcknowledgement', version: 1 });
    expect(raised.body.citedUndertakings.map((u: any) => u.id)).toEqual(['4.5']);
    const id = raised.body.id;

    const steps: Array<[string, Record<string, unknown>, string, string]> = [
      ['ACKNOWLEDGE', {}, p.council.token, 'negotiation.discussing'],
      ['PROPOSE_RESOLUTION', { proposal: 'Three months of funding while we review.' }, p.council.token, 'negotiation.proposalPending'],
      ['REJECT_RESOLUTION', { reason: 'Does not cover the shortfall.' }, p.vcs.token, 'negotiation.discussing'],
      ['DECLARE_NEGOTIATION_FAILED', { reason: 'No movement.' }, p.vcs.token, 'negotiation.failed'],
      ['REFER_TO_MEDIATION', { mediatorOrganisationId: p.orgs.mediator }, p.vcs.token, 'mediation.awaitingMediator'],
      ['MEDIATOR_ACCEPT', {}, p.mediator.token, 'mediation.inMediation'],
      ['MEDIATION_FAILED', { reason: 'Positions too far apart.' }, p.mediator.token, 'mediation.ended'],
      ['ESCALATE_FORMAL', { route: 'ombudsman', body: 'LGSCO', reference: 'LG-1' }, p.vcs.token, 'formal.underConsideration'],
      ['RECORD_DECISION', { outcome: 'upheld', decidedOn: '2026-11-20', remedy: 'Apology' }, p.vcs.token, 'resolved'],
      ['CLOSE', {}, p.council.token, 'closed'],
    ];
    let version = 1;
    for (const [type, payload, token, path] of steps) {
      const res = await t.api.event(id, { type, ...payload }, token);
      expect({ type, status: res.status, path: res.body.statePath }).toEqual({ type, status: 200, path });
      version += 1;
      expect(res.body.version).toBe(version);
    }
    const history = await t.api.get(`/api/v1/cases/${id}/history`, p.board.token);
    expect(history.body.entries.map((e: any) => e.eventType)).toEqual(['CASE_RAISED', ...steps.map((s) => s[0])]);
    const verify = await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token);
    expect(verify.body).toEqual({ valid: true, entries: steps.length + 1, documents: [] });
  });
});
