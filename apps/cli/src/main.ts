import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, ConfigError, loadCompact, loadConfig } from '@compact/application';
import { CompactCatalogError } from '@compact/domain';
import { parseCliArgs, UsageError } from './cli-args';
import { CLI_COMMANDS, describeError } from './commands/cli-commands';

const print = (line: string) => process.stdout.write(line + '\n');

function usage(): string {
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    ...Object.values(CLI_COMMANDS).map((c) => `  ${c.usage}`),
    '  help, --help, -h                 print this',
  ].join('\n');
}

/** Asking for help (or naming no command at all) is not a mistake: the usage, and exit 0. */
const HELP = new Set([undefined, 'help', '--help', '-h']);

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (HELP.has(args.command) || args.options.help === 'true' || args.positional.includes('-h')) {
    print(usage());
    return 0;
  }
  const command = Object.hasOwn(CLI_COMMANDS, args.command!) ? CLI_COMMANDS[args.command!] : undefined;
  if (!command) {
    console.error(`Unknown command '${args.command}'.\n\n${usage()}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const compact = loadCompact(config.compactFile);
  const ctx = await NestFactory.createApplicationContext(ApplicationModule.forRoot({ config, compact }), { logger: ['error'], abortOnError: false });
  try {
    return await command.run(ctx, args, print);
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${usage()}`);
    else if (error instanceof ConfigError || error instanceof CompactCatalogError) console.error(`Cannot run: ${error.message}`);
    else console.error(describeError(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
