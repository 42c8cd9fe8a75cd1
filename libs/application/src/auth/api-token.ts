import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'cdt_';

/** A new random bearer token (shown once) and the only thing stored of it: its sha256. */
export function issueApiToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
