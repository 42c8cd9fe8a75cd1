import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'cd_session';
export const CSRF_COOKIE = 'cd_csrf';

/**
 * HttpOnly, SameSite=Lax; Secure when the service is reached over HTTPS. A lifetime is given to the
 * browser as a duration (`Max-Age`), never as a date of the application's clock: a browser whose
 * clock disagrees with the server's neither drops the cookie early nor keeps it late. The server
 * still ends the session at its own expiry time.
 */
export function cookieOptions(req: Request, publicUrl: string, lifetimeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https://') || req.secure, path: '/', maxAge: lifetimeMs };
}

/**
 * The anti-forgery token of a visitor who is not signed in: a random value kept in a cookie and
 * repeated in each form (double submit). Signed-in visitors use their session's token instead.
 */
export function anonymousCsrfToken(req: Request, res: Response, publicUrl: string): string {
  const existing = req.cookies?.[CSRF_COOKIE];
  if (typeof existing === 'string' && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  res.cookie(CSRF_COOKIE, token, cookieOptions(req, publicUrl));
  return token;
}
