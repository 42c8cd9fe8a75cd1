import { writeFileSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import {
  CreateOrganisationUseCase,
  CreateUserUseCase,
  DeactivateUserUseCase,
  ExportCaseUseCase,
  MigrateCasesUseCase,
  IssueApiTokenUseCase,
  ListOrganisationsUseCase,
  ListUsersUseCase,
  VerifyAdminAuditUseCase,
  VerifyCaseHistoryUseCase,
} from '@compact/application';
import { DomainError, ORGANISATION_KINDS, OrganisationKind, USER_ROLES, UserRole } from '@compact/domain';
import { DataSource } from 'typeorm';
import { CliArgs, required, UsageError } from '../cli-args';

export type Print = (line: string) => void;

export interface CliCommand {
  usage: string;
  run(ctx: INestApplicationContext, args: CliArgs, print: Print): Promise<number>;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!allowed.includes(value as T)) throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}`);
  return value as T;
}

async function createUser(ctx: INestApplicationContext, args: CliArgs, print: Print, role: UserRole): Promise<number> {
  const { user, token } = await ctx.get(CreateUserUseCase).execute(null, {
    name: args.options.name ?? (role === 'admin' ? 'Administrator' : required(args.options, 'name')),
    email: required(args.options, 'email'),
    role,
    organisationId: args.options.organisation ?? null,
  });
  print(JSON.stringify({ id: user.id, email: user.email, role: user.role, token }, null, 2));
  print('Keep the token now: it is stored only as a hash and cannot be shown again.');
  return 0;
}

/** Every CLI command; each calls one use case (or the migrator) and prints JSON. */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  migrate: {
    usage: 'migrate                          apply pending database migrations',
    async run(ctx, _args, print) {
      const dataSource = ctx.get(DataSource);
      // Opening the application context already applied any pending migration; list what is in place.
      const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
      print(`Database is migrated: ${applied.map((r: { name: string }) => r.name).join(', ')}`);
      return 0;
    },
  },
  'create-admin': {
    usage: 'create-admin --email E [--name N]   create an administrator and print its API token',
    run: (ctx, args, print) => createUser(ctx, args, print, 'admin'),
  },
  'create-organisation': {
    usage: `create-organisation --name N --kind ${ORGANISATION_KINDS.join('|')}`,
    async run(ctx, args, print) {
      const organisation = await ctx.get(CreateOrganisationUseCase).execute(null, {
        name: required(args.options, 'name'),
        kind: oneOf<OrganisationKind>(required(args.options, 'kind'), ORGANISATION_KINDS, 'kind'),
      });
      print(JSON.stringify(organisation, null, 2));
      return 0;
    },
  },
  'list-organisations': {
    usage: `list-organisations [--kind ${ORGANISATION_KINDS.join('|')}]  every organisation with its id, as JSON`,
    async run(ctx, args, print) {
      const kind = args.options.kind === undefined ? undefined : oneOf<OrganisationKind>(args.options.kind, ORGANISATION_KINDS, 'kind');
      print(JSON.stringify(await ctx.get(ListOrganisationsUseCase).execute(kind), null, 2));
      return 0;
    },
  },
  'create-user': {
    usage: `create-user --name N --email E --role ${USER_ROLES.join('|')} [--organisation ID]`,
    run: (ctx, args, print) => createUser(ctx, args, print, oneOf<UserRole>(required(args.options, 'role'), USER_ROLES, 'role')),
  },
  'list-users': {
    usage: 'list-users                       every person with their id, role, organisation id and whether deactivated, as JSON',
    async run(ctx, _args, print) {
      print(JSON.stringify(await ctx.get(ListUsersUseCase).execute(null), null, 2));
      return 0;
    },
  },
  'create-token': {
    usage: 'create-token --email E [--label L]  a further API token for an active user (e.g. a lost one)',
    async run(ctx, args, print) {
      const { user, token } = await ctx.get(IssueApiTokenUseCase).execute(null, { email: required(args.options, 'email') }, args.options.label ?? 'issued on the command line');
      print(JSON.stringify({ id: user.id, email: user.email, role: user.role, token }, null, 2));
      print('Keep the token now: it is stored only as a hash and cannot be shown again.');
      return 0;
    },
  },
  'deactivate-user': {
    usage: 'deactivate-user --email E        take a person\'s access away (tokens, sessions, sign-in, mail)',
    async run(ctx, args, print) {
      const user = await ctx.get(DeactivateUserUseCase).execute(null, { email: required(args.options, 'email') });
      print(JSON.stringify({ id: user.id, email: user.email, role: user.role, deactivatedAt: user.deactivatedAt }, null, 2));
      return 0;
    },
  },
  'verify-audit': {
    usage: 'verify-audit [CASE_ID | --admin]  verify one case\'s audit hash chain, every case\'s, or the administration trail',
    async run(ctx, args, print) {
      if (args.options.admin !== undefined) {
        if (args.options.admin !== 'true' || args.positional.length > 0) throw new UsageError('verify-audit --admin takes no case id');
        const result = await ctx.get(VerifyAdminAuditUseCase).execute(null);
        print(JSON.stringify({ trail: 'administration', ...result }));
        print(result.valid ? `The administration trail verifies (${result.entries} entries).` : `The administration trail is broken at entry ${result.brokenAt ?? '?'}: ${result.reason}.`);
        return result.valid ? 0 : 1;
      }
      const verifier = ctx.get(VerifyCaseHistoryUseCase);
      const results = args.positional[0]
        ? [{ caseId: args.positional[0], ...(await verifier.execute(null, args.positional[0])) }]
        : await verifier.all();
      for (const r of results) print(JSON.stringify(r));
      const broken = results.filter((r) => !r.valid);
      print(`${results.length} case(s) checked, ${broken.length} broken.`);
      return broken.length === 0 ? 0 : 1;
    },
  },
  'migrate-cases': {
    usage: 'migrate-cases --from W --to W [--case ID] [--dry-run] [--reason R]  move running cases to another workflow version',
    async run(ctx, args, print) {
      const dryRun = args.options['dry-run'] !== undefined;
      if (dryRun && args.options['dry-run'] !== 'true') throw new UsageError('--dry-run takes no value');
      const report = await ctx.get(MigrateCasesUseCase).execute(null, {
        from: required(args.options, 'from'),
        to: required(args.options, 'to'),
        caseId: args.options.case,
        dryRun,
        reason: args.options.reason ?? (dryRun ? 'dry run' : required(args.options, 'reason')),
      });
      print(JSON.stringify(report, null, 2));
      const verb = dryRun ? 'would move' : 'moved';
      print(`${report.migrated.length} case(s) ${verb} from ${report.from} to ${report.to}; ${report.refused.length} refused.`);
      for (const r of report.refused) print(`  refused ${r.reference}: ${r.reason}`);
      return 0;
    },
  },
  'export-case': {
    usage: 'export-case CASE_ID [--out FILE]  the case, its audit trail and verification as JSON',
    async run(ctx, args, print) {
      const caseId = args.positional[0];
      if (!caseId) throw new UsageError('give the case id: export-case CASE_ID');
      const exported = JSON.stringify(await ctx.get(ExportCaseUseCase).execute(null, caseId), null, 2);
      if (args.options.out) {
        writeFileSync(args.options.out, exported + '\n');
        print(`Written to ${args.options.out}`);
      } else {
        print(exported);
      }
      return 0;
    },
  },
};

export function describeError(error: unknown): string {
  if (error instanceof DomainError) {
    const fields = error.details.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
    return `${error.code}: ${error.message}${fields}`;
  }
  return error instanceof Error ? error.message : String(error);
}
