import { EMPTY_THROTTLE, hitThrottle, ThrottleRule, ThrottleState, throttleExpiresAt } from './throttle-window';

const RULE: ThrottleRule = { windowMs: 60_000, limit: 3, blockMs: 120_000 };

function hits(times: number[], rule = RULE, start: ThrottleState = EMPTY_THROTTLE) {
  let state = start;
  return times.map((now) => {
    const next = hitThrottle(state, now, rule);
    state = next.state;
    return next.hit;
  });
}

describe('hitThrottle', () => {
  it('allows `limit` hits in a window and blocks the next one for blockMs', () => {
    const out = hits([0, 1000, 2000, 3000]);
    expect(out.map((h) => h.blocked)).toEqual([false, false, false, true]);
    expect(out.map((h) => h.hits)).toEqual([1, 2, 3, 4]);
    expect(out[3].blockEndsInMs).toBe(120_000);
    expect(out[0].windowEndsInMs).toBe(60_000);
    expect(out[2].windowEndsInMs).toBe(58_000);
  });

  it('does not count hits while blocked, and starts afresh when the block ends', () => {
    const out = hits([0, 1, 2, 3, 60_000, 120_002, 120_003, 120_004]);
    expect(out.map((h) => h.blocked)).toEqual([false, false, false, true, true, true, false, false]);
    expect(out[5]).toMatchObject({ hits: 4, blockEndsInMs: 1 });
    expect(out.slice(6).map((h) => h.hits)).toEqual([1, 2]);
  });

  it('starts a new window when the old one is over', () => {
    const out = hits([0, 1, 2, 60_000, 60_001, 60_002]);
    expect(out.map((h) => [h.hits, h.blocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [1, false],
      [2, false],
      [3, false],
    ]);
  });

  it('forgets a window or a block that lies further ahead than it could (the clock was set back)', () => {
    const fromTheFuture: ThrottleState = { hits: 9, windowEndsAt: 10_000_000, blockedUntil: 10_000_000 };
    const [hit] = hits([0], RULE, fromTheFuture);
    expect(hit).toMatchObject({ hits: 1, blocked: false });
  });

  it('never blocks below the limit, whatever the spacing', () => {
    for (const gap of [0, 1, 59_999]) {
      const out = hits([0, gap, 2 * gap].map((t) => t + 5), { ...RULE, limit: 3 });
      expect(out.every((h) => !h.blocked)).toBe(true);
    }
  });

  it('keeps a key until its window and its block are both over', () => {
    expect(throttleExpiresAt({ hits: 4, windowEndsAt: 100, blockedUntil: 300 })).toBe(300);
    expect(throttleExpiresAt({ hits: 1, windowEndsAt: 100, blockedUntil: 0 })).toBe(100);
  });
});
