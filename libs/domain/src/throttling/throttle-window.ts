/** How much of something one key (a client address, an email address) may do. */
export interface ThrottleRule {
  /** Hits counted together in one fixed window. */
  windowMs: number;
  /** Hits allowed in a window; the next one blocks the key. */
  limit: number;
  /** How long a blocked key stays refused. */
  blockMs: number;
}

/** What is stored for a key. Zeros mean nothing counted yet. */
export interface ThrottleState {
  hits: number;
  windowEndsAt: number;
  blockedUntil: number;
}

export interface ThrottleHit {
  /** Hits in the current window, this one included (a hit while blocked is not counted). */
  hits: number;
  blocked: boolean;
  windowEndsInMs: number;
  /** 0 unless blocked. */
  blockEndsInMs: number;
}

export const EMPTY_THROTTLE: ThrottleState = { hits: 0, windowEndsAt: 0, blockedUntil: 0 };

/**
 * One more hit on a key: a fixed window, and once a window holds more than `limit` hits the key is
 * blocked for `blockMs` (its hits are not counted meanwhile); when the block ends, counting starts
 * afresh. A stored time further ahead than a whole window or block (the clock was set back) counts
 * as over, so no key stays blocked by a clock that moved.
 */
export function hitThrottle(state: ThrottleState, now: number, rule: ThrottleRule): { state: ThrottleState; hit: ThrottleHit } {
  const blockedUntil = state.blockedUntil > now && state.blockedUntil - now <= rule.blockMs ? state.blockedUntil : 0;
  if (blockedUntil > 0) {
    return { state, hit: { hits: state.hits, blocked: true, windowEndsInMs: Math.max(0, state.windowEndsAt - now), blockEndsInMs: blockedUntil - now } };
  }
  const windowOver = state.windowEndsAt <= now || state.windowEndsAt - now > rule.windowMs || state.blockedUntil > 0;
  const next: ThrottleState = windowOver
    ? { hits: 1, windowEndsAt: now + rule.windowMs, blockedUntil: 0 }
    : { hits: state.hits + 1, windowEndsAt: state.windowEndsAt, blockedUntil: 0 };
  if (next.hits > rule.limit) next.blockedUntil = now + rule.blockMs;
  const blocked = next.blockedUntil > 0;
  return {
    state: next,
    hit: { hits: next.hits, blocked, windowEndsInMs: next.windowEndsAt - now, blockEndsInMs: blocked ? next.blockedUntil - now : 0 },
  };
}

/** When a stored key may be forgotten: its window and any block are over. */
export const throttleExpiresAt = (state: ThrottleState): number => Math.max(state.windowEndsAt, state.blockedUntil);
