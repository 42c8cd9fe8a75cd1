/** A named option given as `--name=value` or `--name value` (the first wins); undefined when absent. */
export function argValue(name: string, argv = process.argv.slice(2)): string | undefined {
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < argv.length && !argv[at + 1].startsWith('--') ? argv[at + 1] : undefined;
}

/** A whole number option (underscores and commas allowed: 100_000), or the default. */
export function argInt(name: string, fallback: number, argv = process.argv.slice(2)): number {
  const raw = argValue(name, argv);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of 1 or more, not '${raw}'`);
  return n;
}
