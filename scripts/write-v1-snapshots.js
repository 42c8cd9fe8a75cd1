#!/usr/bin/env node
/*
 * Writes test/fixtures/snapshots/compact-dispute-v1/<state>.json: one real persisted compact-dispute
 * v1 case in each state of v1 (its row, participants, cited undertakings, timers and audit trail,
 * with the organisations and people they name), taken from real runs of the built service: cases
 * raised and driven there over its HTTP API on a clock this script moves, deadlines fired by the
 * service's own timer use case. Written once and committed: later releases must keep reading them
 * (test/v1-snapshots.e2e-spec.ts). Run again only to add a state a new v1-era release introduced
 * (never: v1 is released), with: node scripts/write-v1-snapshots.js
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [path.join(__dirname, 'ensure-built.js')], { stdio: 'inherit' });
const dist = path.join(root, 'dist', 'apps', 'server');
require(path.join(root, 'node_modules', 'reflect-metadata'));
const { createApp } = require(path.join(dist, 'apps', 'server', 'src', 'create-app'));
const app = require(path.join(dist, 'libs', 'application', 'src'));

const OUT = path.join(root, 'test', 'fixtures', 'snapshots', 'compact-dispute-v1');
const TOKEN = 'snapshot-admin-token-0123456789abcdef';
const START = '2026-12-01T10:00:00.000Z'; // a Tuesday

class ScriptClock extends app.Clock {
  constructor(at) {
    super();
    this.at = new Date(at);
  }
  now() {
    return new Date(this.at);
  }
}

/** The events that take a new case (a breach of 4.5 by the trust against the council) to each v1 state. */
const ROUTES = {
  'raised.awaitingAcknowledgement': [],
  'raised.acknowledgementOverdue': [['DEADLINE', 'ACKNOWLEDGEMENT_OVERDUE']],
  'negotiation.discussing': [['ACKNOWLEDGE', 'council']],
  'negotiation.proposalPending': [['ACKNOWLEDGE', 'council'], ['PROPOSE_RESOLUTION', 'trust', { proposal: 'Three months of funding while a transition plan is agreed.' }]],
  'negotiation.failed': [['ACKNOWLEDGE', 'council'], ['DECLARE_NEGOTIATION_FAILED', 'trust', { reason: 'Two meetings have not moved either position.' }]],
  'mediation.awaitingMediator': [['ACKNOWLEDGE', 'council'], ['DECLARE_NEGOTIATION_FAILED', 'trust', { reason: 'No progress.' }], ['REFER_TO_MEDIATION', 'trust', { mediatorOrganisationId: 'MEDIATOR' }]],
  'mediation.inMediation': [
    ['ACKNOWLEDGE', 'council'],
    ['DECLARE_NEGOTIATION_FAILED', 'trust', { reason: 'No progress.' }],
    ['REFER_TO_MEDIATION', 'trust', { mediatorOrganisationId: 'MEDIATOR' }],
    ['MEDIATOR_ACCEPT', 'mediator', { note: 'We can meet both parties next week.' }],
  ],
  'mediation.ended': [
    ['ACKNOWLEDGE', 'council'],
    ['DECLARE_NEGOTIATION_FAILED', 'trust', { reason: 'No progress.' }],
    ['REFER_TO_MEDIATION', 'trust', { mediatorOrganisationId: 'MEDIATOR' }],
    ['MEDIATOR_ACCEPT', 'mediator'],
    ['MEDIATION_FAILED', 'mediator', { reason: 'The parties could not agree on the notice period.' }],
  ],
  'formal.underConsideration': [
    ['ACKNOWLEDGE', 'council'],
    ['DECLARE_NEGOTIATION_FAILED', 'trust', { reason: 'No progress.' }],
    ['REFER_TO_MEDIATION', 'trust', { mediatorOrganisationId: 'MEDIATOR' }],
    ['MEDIATOR_DECLINE', 'mediator', { reason: 'Outside our area of work.' }],
    ['ESCALATE_FORMAL', 'trust', { route: 'ombudsman', body: 'Local Government and Social Care Ombudsman', reference: 'LGSCO-26-000123' }],
  ],
  resolved: [['ACKNOWLEDGE', 'council'], ['PROPOSE_RESOLUTION', 'council', { proposal: 'Funding continues to March.' }], ['ACCEPT_RESOLUTION', 'trust', { note: 'Agreed.' }]],
  closed: [
    ['ACKNOWLEDGE', 'council'],
    ['PROPOSE_RESOLUTION', 'council', { proposal: 'Funding continues to March.' }],
    ['ACCEPT_RESOLUTION', 'trust'],
    ['CLOSE', 'trust', { note: 'Agreement carried out.' }],
  ],
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'v1-snapshots-'));
  const clock = new ScriptClock(START);
  const config = app.loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
    ADMIN_TOKEN: TOKEN,
    MAIL_DIR: path.join(dir, 'mail'),
    WORKFLOW_DEFAULT: 'compact-dispute/v1',
  });
  const service = await createApp({ config, compact: app.loadCompact(path.join(root, config.compactFile)), clock, workers: false, logger: ['error'] });
  await service.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${service.getHttpServer().address().port}`;
  const call = async (method, url, body, token = TOKEN) => {
    const res = await fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const org = (name, kind) => call('POST', '/api/v1/organisations', { name, kind });
  const orgs = {
    trust: await org('Hope Community Trust', 'vcs'),
    council: await org('Southampton City Council', 'public-body'),
    mediator: await org('Compact Voice', 'mediator'),
  };
  const person = async (name, email, role, organisationId) => (await call('POST', '/api/v1/users', { name, email, role, organisationId })).token;
  const tokens = {
    trust: await person('Val Okafor', 'val@hope.example', 'party', orgs.trust.id),
    council: await person('Pat Jones', 'pat@council.example', 'party', orgs.council.id),
    mediator: await person('Sam Reid', 'sam@compactvoice.example', 'mediator', orgs.mediator.id),
  };
  const timers = service.get(app.FireDueTimersUseCase);
  const store = service.get(require(path.join(dist, 'libs', 'domain', 'src')).Store);
  const dataSource = service.get(require(path.join(root, 'node_modules', 'typeorm')).DataSource);

  fs.mkdirSync(OUT, { recursive: true });
  for (const [state, route] of Object.entries(ROUTES)) {
    clock.at = new Date(START);
    const raised = await call(
      'POST',
      '/api/v1/cases',
      {
        respondentOrganisationId: orgs.council.id,
        kind: 'breach',
        undertakings: ['4.5'],
        title: 'Grant ended with two weeks notice',
        summary: 'Our youth work grant was ended with two weeks notice and no written rationale.',
        desiredOutcome: 'Three months of funding while a transition plan is agreed.',
        becameAwareOn: '2026-11-02',
      },
      tokens.trust,
    );
    for (const [type, by, payload = {}] of route) {
      clock.at = new Date(clock.at.getTime() + 3_600_000);
      if (type === 'DEADLINE') {
        const due = (await store.read((r) => r.timers.listByCase(raised.id))).find((t) => t.eventType === by);
        clock.at = new Date(due.dueAt.getTime() + 1000);
        await timers.fire(due);
        continue;
      }
      const body = { type, ...payload };
      if (body.mediatorOrganisationId === 'MEDIATOR') body.mediatorOrganisationId = orgs.mediator.id;
      await call('POST', `/api/v1/cases/${raised.id}/events`, body, tokens[by]);
    }
    const rows = async (sql) => dataSource.query(sql, [raised.id]);
    const [row] = await rows('SELECT * FROM cases WHERE id = ?');
    if (row.state_path !== state) throw new Error(`the route to ${state} ended in ${row.state_path}`);
    const fixture = {
      about: `A real persisted compact-dispute v1 case in ${state}, written by scripts/write-v1-snapshots.js. Never edit: later releases must read it as it is.`,
      workflow: 'compact-dispute/v1',
      state,
      capturedAt: clock.now().toISOString(),
      organisations: await dataSource.query('SELECT * FROM organisations ORDER BY created_at, id'),
      users: await dataSource.query('SELECT * FROM users ORDER BY created_at, id'),
      case: row,
      participants: await rows('SELECT * FROM case_participants WHERE case_id = ? ORDER BY part, organisation_id'),
      undertakings: await rows('SELECT * FROM case_undertakings WHERE case_id = ? ORDER BY undertaking_id'),
      timers: await rows('SELECT * FROM case_timers WHERE case_id = ? ORDER BY due_at, id'),
      audit: await rows('SELECT * FROM audit_entries WHERE case_id = ? ORDER BY seq'),
    };
    fs.writeFileSync(path.join(OUT, `${state}.json`), JSON.stringify(fixture, null, 2) + '\n');
    console.log(`${state}: ${fixture.audit.length} audit entries, ${fixture.timers.length} timers`);
  }
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
