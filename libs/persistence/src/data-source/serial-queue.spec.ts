import { SerialQueue } from './serial-queue';

/** A job that can be finished from outside, recording when it started. */
function controllable<T>(log: string[], name: string) {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const job = () => {
    log.push(`start ${name}`);
    return new Promise<T>((res, rej) => {
      resolve = (v) => {
        log.push(`end ${name}`);
        res(v);
      };
      reject = (e) => {
        log.push(`fail ${name}`);
        rej(e);
      };
    });
  };
  return { job, resolve: (v: T) => resolve(v), reject: (e: Error) => reject(e) };
}

/** Lets every already-settled promise callback run. */
const flush = () => new Promise<void>((r) => setImmediate(r));

describe('SerialQueue', () => {
  it('runs one job at a time, in arrival order, even when jobs end out of order', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const a = controllable<string>(log, 'a');
    const b = controllable<string>(log, 'b');
    const c = controllable<string>(log, 'c');
    const pa = q.run(a.job);
    const pb = q.run(b.job);
    const pc = q.run(c.job);
    await flush();
    expect(log).toEqual(['start a']);
    expect(q.size).toBe(3);
    a.resolve('A');
    await flush();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.resolve('B');
    await flush();
    c.resolve('C');
    await expect(Promise.all([pa, pb, pc])).resolves.toEqual(['A', 'B', 'C']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    await flush();
    expect(q.size).toBe(0);
  });

  it('passes each rejection to its own caller and carries on with the next job', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const a = controllable<number>(log, 'a');
    const b = controllable<number>(log, 'b');
    const pa = q.run(a.job);
    const pb = q.run(b.job);
    const failure = new Error('constraint failed');
    await flush();
    a.reject(failure);
    await expect(pa).rejects.toBe(failure);
    await flush();
    expect(log).toEqual(['start a', 'fail a', 'start b']);
    b.resolve(2);
    await expect(pb).resolves.toBe(2);
  });

  it('does not start the next job before a rejected one has settled', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const a = controllable<void>(log, 'a');
    const pa = q.run(a.job).catch(() => undefined);
    const pb = q.run(async () => {
      log.push('start b');
    });
    await flush();
    expect(log).toEqual(['start a']);
    a.reject(new Error('x'));
    await Promise.all([pa, pb]);
    expect(log).toEqual(['start a', 'fail a', 'start b']);
  });

  it('turns a job that throws synchronously into a rejection and keeps going', async () => {
    const q = new SerialQueue();
    const boom = new TypeError('boom');
    const p1 = q.run(() => {
      throw boom;
    });
    const p2 = q.run(async () => 'after');
    await expect(p1).rejects.toBe(boom);
    await expect(p2).resolves.toBe('after');
  });

  it('keeps strict order over many mixed jobs', async () => {
    const q = new SerialQueue();
    const order: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const results = Array.from({ length: 30 }, (_, i) =>
      q.run(async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await flush();
        order.push(i);
        running -= 1;
        if (i % 3 === 0) throw new Error(`job ${i}`);
        return i;
      }),
    );
    const settled = await Promise.allSettled(results);
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(maxRunning).toBe(1);
    settled.forEach((s, i) => {
      if (i % 3 === 0) expect(s).toEqual({ status: 'rejected', reason: new Error(`job ${i}`) });
      else expect(s).toEqual({ status: 'fulfilled', value: i });
    });
  });
});
