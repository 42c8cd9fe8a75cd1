import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SqliteUnitOfWorkQueue } from './sqlite-unit-of-work-queue';

describe('SqliteUnitOfWorkQueue on a real SQLite file', () => {
  let dir: string;
  let dataSource: DataSource;
  let queue: SqliteUnitOfWorkQueue;
  const rows = async () => (await dataSource.query('SELECT n FROM t ORDER BY n')).map((r: { n: number }) => r.n);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uow-'));
    dataSource = new DataSource({ type: 'better-sqlite3', database: join(dir, 'q.sqlite') });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    queue = new SqliteUnitOfWorkQueue(dataSource);
  });
  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits writes queued together, and a failing one rolls back alone', async () => {
    const insert = (n: number) => queue.write((m) => m.query('INSERT INTO t (n) VALUES (?)', [n]));
    const first = insert(1);
    const failing = queue.write(async (m) => {
      await m.query('INSERT INTO t (n) VALUES (?)', [99]);
      throw new Error('refused');
    });
    const duplicate = queue.write((m) => m.query('INSERT INTO t (n) VALUES (?)', [1]));
    const results = await Promise.allSettled([first, failing, duplicate, insert(2), insert(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused');
    expect(await rows()).toEqual([1, 2, 3]);
  });

  it('runs every unit of work one at a time, in arrival order', async () => {
    const order: string[] = [];
    const job = (name: string, kind: 'read' | 'write') =>
      queue[kind](async () => {
        order.push(`${name}:start`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`${name}:end`);
      });
    await Promise.all([job('a', 'write'), job('b', 'read'), job('c', 'write'), job('d', 'write')]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end', 'd:start', 'd:end']);
  });

  it('keeps going after a unit of work that throws before it returns a promise', async () => {
    const bad = (kind: 'read' | 'write') =>
      queue[kind]((() => {
        throw new Error(`sync ${kind}`);
      }) as never);
    const results = await Promise.allSettled([bad('read'), bad('write'), queue.write((m) => m.query('INSERT INTO t (n) VALUES (5)'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(await rows()).toEqual([5]);
  });

  it('lets a read see only committed work', async () => {
    const write = queue.write((m) => m.query('INSERT INTO t (n) VALUES (7)'));
    const read = queue.read((m) => m.query('SELECT COUNT(*) AS c FROM t'));
    await write;
    expect(Number((await read)[0].c)).toBe(1);
    expect(queue.waiting).toBe(0);
  });
});
