import { EntityManager } from 'typeorm';

const pgCache = new Map<string, string>();

/** `?` placeholders -> `$1, $2, …` for PostgreSQL (the SQL written here never has `?` in literals). */
function toPostgres(text: string): string {
  let out = pgCache.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    pgCache.set(text, out);
  }
  return out;
}

/**
 * Parameterised SQL for the per-event path, on the unit of work's manager. Values are always bound
 * (TypeORM's builders inline numbers into the SQL text on SQLite, so every event would prepare new
 * statements); the same text is then prepared once and reused. Portable SQL only.
 */
export class Sql {
  constructor(
    private readonly manager: EntityManager,
    private readonly postgres: boolean,
  ) {}

  rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(this.postgres ? toPostgres(text) : text, params);
  }

  async one<T>(text: string, params: unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(text, params))[0] ?? null;
  }

  /** Runs a write and returns the number of rows it changed (inside a unit of work). */
  async run(text: string, params: unknown[] = []): Promise<number> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('Sql.run is for writes inside a unit of work');
    const result = await runner.query(this.postgres ? toPostgres(text) : text, params, true);
    return result.affected ?? 0;
  }
}

/** Placeholders for an IN list: `(?, ?, ?)`. */
export const inList = (n: number): string => `(${new Array(n).fill('?').join(', ')})`;
