// The operators' gate for /admin/*: TRELLIS_ADMIN_TOKEN, presented as `Authorization: Bearer
// <token>` (scripts, curl), or once as `?token=<token>` by a browser, which then gets an HttpOnly
// cookie and is sent back to the same page without the token in its address. The cookie holds an
// HMAC of the token, not the token; every comparison is constant-time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const COOKIE = 'trellis_admin';
/** A browser login lasts a working day; then `?token=` again. */
const COOKIE_MAX_AGE_S = 12 * 3600;

/** Equal without telling, through the time it takes, how much of it matched (or how long it is). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const sessionOf = (token: string) => createHmac('sha256', token).update('trellis admin session v1').digest('base64url');

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function refuse(res: Response): void {
  res.status(401).set({ 'WWW-Authenticate': 'Bearer realm="trellis-admin"', 'Cache-Control': 'no-store' }).type('text/plain').send('This page needs the admin token (TRELLIS_ADMIN_TOKEN).');
}

/**
 * `basePath` scopes the cookie (Path) to the pages it opens; `secureCookie` adds Secure (when
 * TRELLIS_PUBLIC_URL is https://, so the cookie never travels in clear text).
 */
export function requireAdminToken(options: { token: string; basePath: string; secureCookie: boolean }): RequestHandler {
  const session = sessionOf(options.token);
  return (req: Request, res: Response, next: NextFunction) => {
    const query = req.query.token;
    if (typeof query === 'string') {
      if (!sameSecret(query, options.token)) return refuse(res);
      const attributes = [`Path=${options.basePath}`, 'HttpOnly', 'SameSite=Strict', `Max-Age=${COOKIE_MAX_AGE_S}`, ...(options.secureCookie ? ['Secure'] : [])];
      res.set('Set-Cookie', `${COOKIE}=${session}; ${attributes.join('; ')}`);
      // The same page without ?token=, so the token leaves the address bar and the history.
      const url = new URL(req.originalUrl, 'http://admin.invalid');
      url.searchParams.delete('token');
      return res.redirect(303, `${url.pathname}${url.search}`);
    }
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined ? sameSecret(bearer, options.token) : sameSecret(cookieValue(req, COOKIE) ?? '', session)) return next();
    refuse(res);
  };
}
