/**
 * Where the data lives. On PostgreSQL, optionally the most connections one instance opens
 * (`poolSize`, default 10) and the longest one statement may run (`statementTimeoutMs`, default none).
 */
export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string; poolSize?: number; statementTimeoutMs?: number };

/** The URL with any password replaced, safe to print. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/**
 * `sqlite:./data/compact.sqlite` (relative to the working directory), `sqlite:/abs/path.sqlite`,
 * `sqlite:///abs/path.sqlite`, or `postgres://user@host:5432/db` (`postgresql://` too). Throws a
 * clear Error otherwise; messages never include a password.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const shown = redactDatabaseUrl(url);
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '').replace(/^\/\/(?!\/)/, '');
    if (path.trim() === '' || path === ':memory:') {
      throw new Error(`DATABASE_URL '${shown}': give a file path (sqlite:./data/compact.sqlite); an in-memory database would lose every case`);
    }
    return { dialect: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const parsed = new URL(url);
      if (!parsed.hostname || parsed.pathname.length < 2) throw new Error('missing host or database name');
    } catch (error) {
      throw new Error(`DATABASE_URL '${shown}' is not a usable PostgreSQL URL: ${(error as Error).message}`, { cause: error });
    }
    return { dialect: 'postgres', url };
  }
  throw new Error(`DATABASE_URL '${shown}' must start with sqlite: or postgres://`);
}
