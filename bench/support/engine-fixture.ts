/*
 * The engine in-process, as the server wires it (ApplicationModule.forRoot on a fresh SQLite file),
 * with parties created through the use cases and the workloads the benchmarks drive.
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApplicationModule,
  Caller,
  Clock,
  CreateOrganisationUseCase,
  CreateUserUseCase,
  loadCompact,
  loadConfig,
  RaiseCaseUseCase,
  SendCaseEventUseCase,
} from '@compact/application';
import { toLondonDate } from '@compact/calendar';
import { Store } from '@compact/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { REPO_ROOT } from './aliases';

export interface EngineParties {
  vcs: Caller;
  council: Caller;
  mediator: Caller;
  orgs: { vcs: string; council: string; mediator: string };
}

export interface EngineFixtureOptions {
  /** More configuration (e.g. SMTP_URL, MAIL_CONCURRENCY); DATABASE_URL and MAIL_DIR are set here. */
  env?: Record<string, string>;
  /** A clock the bench moves (test/support's ManualClock), e.g. past deadlines; the system clock by default. */
  clock?: Clock;
}

export class EngineFixture {
  private constructor(
    readonly app: INestApplicationContext,
    readonly parties: EngineParties,
    private readonly dir: string,
  ) {}

  static async start(options: EngineFixtureOptions = {}): Promise<EngineFixture> {
    const dir = mkdtempSync(join(tmpdir(), 'compact-bench-engine-'));
    // MAIL_DIR: nothing is sent here unless a bench runs the dispatcher, but the transport must not touch the repo.
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'compact.sqlite')}`, MAIL_DIR: join(dir, 'mail'), ...options.env });
    const compact = loadCompact(join(REPO_ROOT, config.compactFile));
    const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot({ config, compact, clock: options.clock }), {
      logger: ['error'],
    });
    await app.init();
    const createOrg = app.get(CreateOrganisationUseCase);
    const createUser = app.get(CreateUserUseCase);
    const orgs = {
      vcs: (await createOrg.execute(null, { name: 'Hope Community Trust', kind: 'vcs' })).id,
      council: (await createOrg.execute(null, { name: 'Southampton City Council', kind: 'public-body' })).id,
      mediator: (await createOrg.execute(null, { name: 'Compact Voice', kind: 'mediator' })).id,
    };
    const user = async (email: string, role: 'party' | 'mediator', organisationId: string): Promise<Caller> => ({
      user: (await createUser.execute(null, { name: email, email, role, organisationId })).user,
    });
    const parties: EngineParties = {
      vcs: await user('vcs@example.org', 'party', orgs.vcs),
      council: await user('council@example.org', 'party', orgs.council),
      mediator: await user('mediator@example.org', 'mediator', orgs.mediator),
      orgs,
    };
    return new EngineFixture(app, parties, dir);
  }

  get raiseCase(): RaiseCaseUseCase {
    return this.app.get(RaiseCaseUseCase);
  }

  get sendEvent(): SendCaseEventUseCase {
    return this.app.get(SendCaseEventUseCase);
  }

  /** The product's Store (on SQLite: the unit-of-work queue every read and write waits on). */
  get store(): Store {
    return this.app.get(Store);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** The SQLite file the product opened (for a second, raw better-sqlite3 connection). */
  get databasePath(): string {
    return join(this.dir, 'compact.sqlite');
  }

  /** A breach of 4.5 raised by the VCS organisation against the council (as test/support's breachOf45). */
  async raise(n: number): Promise<string> {
    const view = await this.raiseCase.execute(this.parties.vcs, breachInput(this.parties.orgs.council, n, this.app.get(Clock).now()));
    return view.id;
  }

  /**
   * Raises `count` cases (titles numbered from `offset`). With `concurrency` > 1 that many raises
   * wait on the store together and share commits (faster set-up; nothing timed depends on it).
   */
  async raiseMany(count: number, options: { offset?: number; concurrency?: number } = {}): Promise<string[]> {
    const { offset = 0, concurrency = 1 } = options;
    const ids: string[] = new Array(count);
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        ids[i] = await this.raise(offset + i);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
    return ids;
  }

  async count(table: string): Promise<number> {
    const rows = await this.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `now`: the application's clock (the case must not say it became aware after it was raised). */
export function breachInput(respondentOrganisationId: string, n: number, now = new Date()) {
  return {
    respondentOrganisationId,
    kind: 'breach' as const,
    title: `Funding ended without three months notice (${n})`,
    summary: 'Our grant was ended with two weeks notice and no written rationale.',
    desiredOutcome: 'Reinstate funding for the notice period.',
    becameAwareOn: toLondonDate(new Date(now.getTime() - 7 * 86_400_000)),
    undertakings: ['4.5'],
  };
}

export const NOTE = 'Phoned the commissioning team; awaiting a call back about the notice period and the transition plan.';

/** Throughput of a run, and the CPU time (user + system) of this process per transaction. */
export interface Rate {
  perSec: number;
  /** CPU microseconds per transaction: the part of the cost that does not wait on the disk. */
  cpuUs: number;
}

export async function measureRate(count: () => Promise<number>): Promise<Rate> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const n = await count();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { perSec: n / seconds, cpuUs: (used.user + used.system) / n };
}

/**
 * ADD_NOTE events spread round-robin over the cases, alternately from the claimant and the
 * respondent; one awaited use-case call (one transaction) each.
 */
export function runAddNotes(fx: EngineFixture, caseIds: string[], count: number, offset = 0): Promise<Rate> {
  const send = fx.sendEvent;
  const { vcs, council } = fx.parties;
  return measureRate(async () => {
    for (let i = 0; i < count; i++) {
      const k = offset + i;
      await send.execute(k % 2 ? council : vcs, caseIds[k % caseIds.length], { type: 'ADD_NOTE', note: NOTE });
    }
    return count;
  });
}

type Who = 'vcs' | 'council' | 'mediator';

/** A case's whole life through the escalation path, with notes and meetings on the way (as the e2e suite). */
export function lifecycle(orgs: EngineParties['orgs']): Array<[Who, Record<string, unknown>]> {
  const today = toLondonDate(new Date());
  return [
    ['council', { type: 'ACKNOWLEDGE' }],
    ['vcs', { type: 'ADD_NOTE', note: NOTE }],
    ['council', { type: 'PROPOSE_RESOLUTION', proposal: 'Three months of funding while we review.' }],
    ['vcs', { type: 'REJECT_RESOLUTION', reason: 'Does not cover the shortfall.' }],
    ['vcs', { type: 'RECORD_MEETING', heldOn: today, summary: 'Discussed the timetable for notice.', attendees: 'J. Smith, A. Khan' }],
    ['council', { type: 'ADD_NOTE', note: NOTE }],
    ['vcs', { type: 'DECLARE_NEGOTIATION_FAILED', reason: 'No movement.' }],
    ['vcs', { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: orgs.mediator }],
    ['mediator', { type: 'MEDIATOR_ACCEPT' }],
    ['mediator', { type: 'RECORD_MEETING', heldOn: today, summary: 'Joint session with both parties.' }],
    ['mediator', { type: 'MEDIATION_FAILED', reason: 'Positions too far apart.' }],
    ['vcs', { type: 'ESCALATE_FORMAL', route: 'ombudsman', body: 'LGSCO', reference: 'LG-1' }],
    ['vcs', { type: 'RECORD_DECISION', outcome: 'upheld', decidedOn: today, remedy: 'Apology' }],
    ['council', { type: 'ADD_NOTE', note: NOTE }],
    ['council', { type: 'CLOSE' }],
  ];
}

/**
 * The realistic mix: raise a case, take it through its whole life (timers set and cancelled,
 * a mediator joining), repeat. Every raise and every event is one transaction.
 */
export function runLifecycles(fx: EngineFixture, minTransactions: number, offset = 0): Promise<Rate> {
  const steps = lifecycle(fx.parties.orgs);
  const send = fx.sendEvent;
  return measureRate(async () => {
    let done = 0;
    for (let n = offset; done < minTransactions; n++) {
      const id = await fx.raise(n);
      done += 1;
      for (const [who, event] of steps) {
        await send.execute(fx.parties[who], id, event);
        done += 1;
      }
    }
    return done;
  });
}

export function lifecycleLength(): number {
  return lifecycle({ vcs: '', council: '', mediator: '' }).length + 1;
}
