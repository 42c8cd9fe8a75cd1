import { createHash } from 'node:crypto';
import { AdminAuditEntry, GENESIS_HASH } from '@compact/domain';
import { adminAuditChecker, hashAdminAuditEntry, sealAdminAuditEntry, UnsealedAdminAuditEntry } from './admin-audit-chain';
import { canonicalJson } from './canonical-json';

const admin = { type: 'user' as const, userId: 'u-admin', organisationId: null, role: 'admin' as const };

function unsealed(i: number): UnsealedAdminAuditEntry {
  return {
    at: `2026-12-0${i + 1}T10:00:00.000Z`,
    actor: i === 0 ? { type: 'system' } : i % 2 === 0 ? { type: 'cli' } : admin,
    action: i === 0 ? 'ADMIN_BOOTSTRAPPED' : 'API_TOKEN_ISSUED',
    subject: { type: 'user', id: `u-${i}` },
    details: { email: `person${i}@example.org`, label: `label ${i}` },
  };
}

function chain(length = 5): AdminAuditEntry[] {
  const entries: AdminAuditEntry[] = [];
  for (let i = 0; i < length; i++) entries.push(sealAdminAuditEntry(unsealed(i), entries[i - 1] ?? null));
  return entries;
}

const verify = (entries: AdminAuditEntry[], head?: { seq: number; hash: string } | null) => {
  const checker = adminAuditChecker();
  entries.forEach((e) => checker.add(e));
  return checker.result(head);
};
const headOf = (entries: AdminAuditEntry[]) => ({ seq: entries[entries.length - 1].seq, hash: entries[entries.length - 1].hash });

describe('the administration trail’s hash chain', () => {
  it('starts at seq 1 from the genesis hash and links each entry to the one before', () => {
    const entries = chain();
    expect(entries[0]).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    entries.slice(1).forEach((e, i) => expect(e).toMatchObject({ seq: i + 2, prevHash: entries[i].hash }));
  });

  it('hashes sha256 over the canonical JSON of every field but the hash (the same rule as a case’s trail)', () => {
    const [first] = chain(1);
    const { hash, ...rest } = first;
    expect(hash).toBe(createHash('sha256').update(canonicalJson(rest)).digest('hex'));
    expect(hashAdminAuditEntry({ ...rest, extra: 'not covered' } as any)).toBe(hash);
  });

  it('accepts an intact chain ending at its head, and an empty one with no head', () => {
    const entries = chain();
    expect(verify(entries, headOf(entries))).toEqual({ valid: true, entries: 5 });
    expect(verify([], null)).toEqual({ valid: true, entries: 0 });
  });

  it('gives the same verdict fed page by page as all at once', () => {
    const entries = chain(7);
    const checker = adminAuditChecker();
    for (let i = 0; i < entries.length; i += 3) entries.slice(i, i + 3).forEach((e) => checker.add(e));
    expect(checker.result(headOf(entries))).toEqual(verify(entries, headOf(entries)));
  });

  it.each([
    ['a changed detail', (e: AdminAuditEntry[]) => (e[2] = { ...e[2], details: { ...e[2].details, label: 'innocent' } }), 3],
    ['a changed actor', (e: AdminAuditEntry[]) => (e[1] = { ...e[1], actor: { type: 'cli' } }), 2],
    ['a changed action', (e: AdminAuditEntry[]) => (e[3] = { ...e[3], action: 'USER_CREATED' }), 4],
    ['a backdated entry', (e: AdminAuditEntry[]) => (e[4] = { ...e[4], at: '2020-01-01T00:00:00.000Z' }), 5],
    ['a changed subject', (e: AdminAuditEntry[]) => (e[1] = { ...e[1], subject: { type: 'user', id: 'someone-else' } }), 2],
  ])('reports %s at that entry', (_name, change, brokenAt) => {
    const entries = chain();
    const head = headOf(entries);
    change(entries);
    expect(verify(entries, head)).toMatchObject({ valid: false, entries: 5, brokenAt, reason: 'hash does not match the entry' });
  });

  it('reports a deleted entry at the one after it', () => {
    const entries = chain();
    const head = headOf(entries);
    entries.splice(2, 1);
    expect(verify(entries, head)).toMatchObject({ valid: false, entries: 4, brokenAt: 4, reason: 'expected entry 3, found 4' });
  });

  it('reports a truncated tail against the head: every remaining link holds, yet entries are missing', () => {
    const entries = chain();
    const head = headOf(entries);
    expect(verify(entries.slice(0, 3), head)).toEqual({
      valid: false,
      entries: 3,
      brokenAt: 4,
      reason: 'the trail ends at entry 3 but the head records 5 entries',
    });
  });

  it('reports a last entry replaced by another sealed onto the same link', () => {
    const entries = chain();
    const head = headOf(entries);
    entries[4] = sealAdminAuditEntry({ ...unsealed(4), details: { label: 'forged' } }, entries[3]);
    expect(verify(entries, head)).toMatchObject({ valid: false, brokenAt: 5, reason: 'the last entry is not the one the head records' });
  });
});
