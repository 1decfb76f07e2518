/** The `roost_session` cookie: httpOnly, SameSite=Lax, Path=/, Secure when configured (by default over https). */
import type { FastifyReply } from 'fastify';
import type { Config } from '../../../config.js';
import { SESSION_COOKIE } from '../../auth.js';

const MAX_AGE_SECONDS = 30 * 24 * 3600;

export function setSessionCookie(reply: FastifyReply, secret: string, config: Config): void {
  void reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.secureCookies,
    maxAge: MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.secureCookies,
  });
}
