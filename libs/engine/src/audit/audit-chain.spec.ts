import { createHash } from 'node:crypto';
import { AuditEntry, GENESIS_HASH } from '@compact/domain';
import { canonicalJson } from './canonical-json';
import { hashAuditEntry, payloadDigestOf, sealAuditEntry, UnsealedAuditEntry, verifyAuditChain } from './audit-chain';

const claimant = { type: 'user' as const, userId: 'u-1', organisationId: 'org-1', role: 'party' as const };
const respondent = { type: 'user' as const, userId: 'u-2', organisationId: 'org-2', role: 'party' as const };

function unsealed(caseId: string, i: number, overrides: Partial<UnsealedAuditEntry> = {}): UnsealedAuditEntry {
  return {
    caseId,
    at: `2026-03-0${i + 1}T10:00:00.000Z`,
    actor: i % 2 === 0 ? claimant : respondent,
    eventType: ['CASE_RAISED', 'ACKNOWLEDGE', 'PROPOSE_RESOLUTION', 'ACCEPT_RESOLUTION', 'CLOSE'][i],
    fromState: i === 0 ? null : `state-${i - 1}`,
    toState: `state-${i}`,
    payload: { note: `note ${i}`, nested: { n: i } },
    ...overrides,
  };
}

function chain(caseId = 'case-1', length = 5): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) entries.push(sealAuditEntry(unsealed(caseId, i), entries[i - 1] ?? null));
  return entries;
}

/** A copy of the chain with entry `index` changed by `change` (its stored hash left as it was). */
function tampered(index: number, change: (e: AuditEntry) => AuditEntry): AuditEntry[] {
  const entries = chain();
  entries[index] = change(structuredClone(entries[index]));
  return entries;
}

describe('sealAuditEntry / hashAuditEntry', () => {
  it('starts the chain at seq 1 from the genesis hash', () => {
    const first = sealAuditEntry(unsealed('case-1', 0), null);
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('links each entry to the previous one', () => {
    const entries = chain();
    entries.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      if (i > 0) expect(e.prevHash).toBe(entries[i - 1].hash);
    });
    expect(new Set(entries.map((e) => e.hash)).size).toBe(entries.length);
  });

  it('writes format 2: the hash covers the payload’s digest (sha256 of its canonical JSON) in place of the payload', () => {
    const [first] = chain();
    const { hash, payload, ...rest } = first;
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(first).toMatchObject({ format: 2, payloadDigest: sha(canonicalJson(payload)) });
    expect(hash).toBe(sha(canonicalJson(rest)));
    expect(hashAuditEntry({ ...rest, payload: {} })).toBe(hash);
  });

  it('verifies an entry written before digests (format 1, its hash over the payload itself) as it was written, also before format-2 entries', () => {
    const old: Omit<AuditEntry, 'hash'> = { ...unsealed('case-1', 0), seq: 1, prevHash: GENESIS_HASH };
    const { caseId, seq, at, actor, eventType, fromState, toState, payload, prevHash } = old;
    const v1 = { ...old, hash: createHash('sha256').update(canonicalJson({ caseId, seq, at, actor, eventType, fromState, toState, payload, prevHash })).digest('hex') };
    expect(hashAuditEntry(old)).toBe(v1.hash);
    const next = sealAuditEntry(unsealed('case-1', 1), v1);
    expect(verifyAuditChain([v1, next], { seq: 2, hash: next.hash })).toEqual({ valid: true, entries: 2 });
    expect(verifyAuditChain([{ ...v1, payload: { note: 'forged' } }, next])).toMatchObject({ valid: false, brokenAt: 1, reason: 'hash does not match the entry' });
  });

  it('verifies a chain whose confidential payload is withheld, by its digest alone', () => {
    const entries = chain();
    entries[2] = { ...entries[2], payload: {}, withheld: true };
    expect(verifyAuditChain(entries, { seq: 5, hash: entries[4].hash })).toEqual({ valid: true, entries: 5 });
  });

  it('reports a shown payload that does not match its digest, at that entry', () => {
    const entries = tampered(2, (e) => ({ ...e, payload: { ...e.payload, note: 'forged' } }));
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 3, reason: 'the payload does not match its digest' });
  });

  it('does not depend on key order or on extra properties outside the covered fields', () => {
    const [first] = chain();
    const reordered = JSON.parse(canonicalJson({ ...first, payload: { nested: first.payload.nested, note: first.payload.note } }));
    expect(hashAuditEntry(reordered)).toBe(first.hash);
    expect(hashAuditEntry({ ...first, hash: 'ignored', id: 'db-row-7' } as any)).toBe(first.hash);
  });

  it('ignores seq, prevHash and hash given in the unsealed entry', () => {
    const sneaky = { ...unsealed('case-1', 0), seq: 99, prevHash: 'f'.repeat(64), hash: 'x' } as any;
    const sealed = sealAuditEntry(sneaky, null);
    expect(sealed.seq).toBe(1);
    expect(sealed.prevHash).toBe(GENESIS_HASH);
    expect(sealed.hash).toBe(hashAuditEntry(sealed));
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain, and the empty chain', () => {
    expect(verifyAuditChain(chain())).toEqual({ valid: true, entries: 5 });
    expect(verifyAuditChain([])).toEqual({ valid: true, entries: 0 });
    expect(verifyAuditChain(chain('case-1', 1))).toEqual({ valid: true, entries: 1 });
  });

  it('survives a JSON round trip (as stored)', () => {
    expect(verifyAuditChain(JSON.parse(JSON.stringify(chain()))).valid).toBe(true);
  });

  it.each([
    ['payload text', (e: AuditEntry) => ({ ...e, payload: { ...e.payload, note: 'rewritten' } })],
    ['payload nested value', (e: AuditEntry) => ({ ...e, payload: { ...e.payload, nested: { n: 42 } } })],
    ['payload added field', (e: AuditEntry) => ({ ...e, payload: { ...e.payload, extra: 'x' } })],
    ['actor user', (e: AuditEntry) => ({ ...e, actor: { ...claimant, userId: 'u-9' } })],
    ['actor role', (e: AuditEntry) => ({ ...e, actor: { ...(e.actor as typeof claimant), role: 'admin' as const } })],
    ['actor replaced by the system', (e: AuditEntry) => ({ ...e, actor: { type: 'system' as const } })],
    ['at', (e: AuditEntry) => ({ ...e, at: '2026-03-03T10:00:00.001Z' })],
    ['eventType', (e: AuditEntry) => ({ ...e, eventType: 'REJECT_RESOLUTION' })],
    ['fromState', (e: AuditEntry) => ({ ...e, fromState: 'elsewhere' })],
    ['toState', (e: AuditEntry) => ({ ...e, toState: 'closed' })],
    ['caseId', (e: AuditEntry) => ({ ...e, caseId: 'case-2' })],
    ['hash', (e: AuditEntry) => ({ ...e, hash: 'a'.repeat(64) })],
  ])('detects a changed %s at the entry changed', (_what, change) => {
    const result = verifyAuditChain(tampered(2, change));
    expect(result).toMatchObject({ valid: false, entries: 5, brokenAt: 3 });
    expect(result.reason).toEqual(expect.any(String));
  });

  it('detects a changed entry even when its hash is recomputed, at the next entry', () => {
    const entries = tampered(2, (e) => {
      const changed = { ...e, payload: { note: 'forged' }, payloadDigest: payloadDigestOf({ note: 'forged' }) };
      return { ...changed, hash: hashAuditEntry(changed) };
    });
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 4, reason: 'prevHash does not match the previous entry' });
  });

  it('detects a changed prevHash', () => {
    const result = verifyAuditChain(tampered(1, (e) => ({ ...e, prevHash: GENESIS_HASH })));
    expect(result).toMatchObject({ valid: false, brokenAt: 2, reason: 'prevHash does not match the previous entry' });
    const first = verifyAuditChain(tampered(0, (e) => ({ ...e, prevHash: 'b'.repeat(64) })));
    expect(first).toMatchObject({ valid: false, brokenAt: 1 });
  });

  it('detects a chain that does not start at seq 1', () => {
    expect(verifyAuditChain(chain().slice(1))).toMatchObject({ valid: false, brokenAt: 2, reason: 'expected entry 1, found 2' });
  });

  it('detects a gap in the numbering', () => {
    const result = verifyAuditChain(tampered(3, (e) => ({ ...e, seq: 5 })));
    expect(result).toMatchObject({ valid: false, brokenAt: 5, reason: 'expected entry 4, found 5' });
  });

  it('detects the deletion of a middle entry', () => {
    const entries = chain();
    entries.splice(2, 1);
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, entries: 4, brokenAt: 4, reason: 'expected entry 3, found 4' });
  });

  it('detects reordering', () => {
    const entries = chain();
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 3, reason: 'expected entry 2, found 3' });
  });

  it('detects a duplicated entry', () => {
    const entries = chain();
    entries.splice(2, 0, entries[1]);
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 2, reason: 'expected entry 3, found 2' });
  });

  it('detects an entry taken from another case, even with the same seq', () => {
    const other = chain('case-2');
    const entries = chain();
    entries[2] = other[2];
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('detects an entry of another case re-linked and re-sealed into the chain', () => {
    const entries = chain();
    const foreign = sealAuditEntry(unsealed('case-2', 2), entries[1]);
    entries[2] = foreign;
    entries[3] = sealAuditEntry(unsealed('case-1', 3), foreign);
    entries[4] = sealAuditEntry(unsealed('case-1', 4), entries[3]);
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 3, reason: 'entry belongs to another case' });
  });

  it('without the recorded head, cannot tell a truncated tail from a shorter chain', () => {
    expect(verifyAuditChain(chain().slice(0, 3))).toEqual({ valid: true, entries: 3 });
  });

  it('with the head the case records, accepts the whole chain', () => {
    const entries = chain();
    expect(verifyAuditChain(entries, { seq: 5, hash: entries[4].hash })).toEqual({ valid: true, entries: 5 });
  });

  it('with the head the case records, reports a truncated tail at the first missing entry', () => {
    const entries = chain();
    expect(verifyAuditChain(entries.slice(0, 3), { seq: 5, hash: entries[4].hash })).toEqual({
      valid: false,
      entries: 3,
      brokenAt: 4,
      reason: 'the trail ends at entry 3 but the case records 5 entries',
    });
  });

  it('reports a trail that was emptied although the case records entries, and entries beyond the head', () => {
    const entries = chain();
    expect(verifyAuditChain([], { seq: 5, hash: entries[4].hash })).toMatchObject({ valid: false, entries: 0, brokenAt: 1 });
    expect(verifyAuditChain(entries, { seq: 3, hash: entries[2].hash })).toMatchObject({ valid: false, entries: 5, brokenAt: 4 });
    expect(verifyAuditChain([], null)).toEqual({ valid: true, entries: 0 });
  });

  it('reports a last entry that is not the one the case records (a re-sealed tail)', () => {
    const entries = chain();
    const resealed = [...entries.slice(0, 4), sealAuditEntry(unsealed('case-1', 4, { payload: { note: 'forged' } }), entries[3])];
    expect(verifyAuditChain(resealed)).toEqual({ valid: true, entries: 5 });
    expect(verifyAuditChain(resealed, { seq: 5, hash: entries[4].hash })).toEqual({
      valid: false,
      entries: 5,
      brokenAt: 5,
      reason: 'the last entry is not the one the case records',
    });
  });
});
