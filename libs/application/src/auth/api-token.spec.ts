import { createHash } from 'node:crypto';
import { hashApiToken, issueApiToken } from './api-token';

describe('issueApiToken', () => {
  it('gives a prefixed base64url token carrying 32 random bytes', () => {
    const { token } = issueApiToken();
    expect(token).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
  });

  it('stores only the sha256 of the token, in hex', () => {
    const { token, hash } = issueApiToken();
    expect(hash).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).toBe(hash);
  });

  it('never repeats a token', () => {
    const tokens = Array.from({ length: 500 }, () => issueApiToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(500);
    expect(new Set(tokens.map((t) => t.hash)).size).toBe(500);
  });

  it('spreads its characters (no fixed or repeated body)', () => {
    const bodies = Array.from({ length: 200 }, () => issueApiToken().token.slice(4));
    const firstChars = new Set(bodies.map((b) => b[0]));
    expect(firstChars.size).toBeGreaterThan(20);
    for (const body of bodies) expect(new Set(body).size).toBeGreaterThan(15);
  });
});

describe('hashApiToken', () => {
  it('is the sha256 hex of the token as given, so any change gives another hash', () => {
    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiToken('abc ')).not.toBe(hashApiToken('abc'));
    expect(hashApiToken('ABC')).not.toBe(hashApiToken('abc'));
  });
});
