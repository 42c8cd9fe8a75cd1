/** `create-user --name "Jo" --email jo@x.org` -> { command, positional, options }. */
export interface CliArgs {
  command: string | undefined;
  positional: string[];
  options: Record<string, string>;
}

export function parseCliArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (inline !== undefined) options[key] = inline;
      else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) options[key] = rest[++i];
      else options[key] = 'true';
    } else {
      positional.push(arg);
    }
  }
  return { command, positional, options };
}

export class UsageError extends Error {}

export function required(options: Record<string, string>, name: string): string {
  const value = options[name];
  if (value === undefined || value === 'true' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}
