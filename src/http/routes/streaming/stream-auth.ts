/**
 * Who opens a stream: the session cookie (EventSource in the web app), a bearer token in the
 * Authorization header, or — as Mastodon clients do, since browsers' EventSource and WebSocket
 * cannot set headers — an `access_token` query parameter or the token sent as the WebSocket
 * protocol (`Sec-WebSocket-Protocol`). Also returns how to check later that the same credential
 * still works, so a stream closes when it is revoked.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import { requireViewer, SESSION_COOKIE } from '../../auth.js';

export interface StreamViewer {
  viewer: Viewer;
  stillSignedIn: () => Promise<boolean>;
}

/** The first protocol a WebSocket client offered: Mastodon clients put the access token there. */
function protocolToken(request: FastifyRequest): string | undefined {
  const header = request.headers['sec-websocket-protocol'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first ? first : undefined;
}

export async function streamViewer(
  ctx: AppContext,
  request: FastifyRequest,
  accessToken: string | undefined,
): Promise<StreamViewer> {
  const { credentials } = ctx.services;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer ?? (request.viewer ? undefined : (accessToken ?? protocolToken(request)));
  if (token && !request.viewer) request.viewer = await credentials.viewerFromToken(token);
  // Each stream checks its own scope when it is subscribed; opening needs some read access.
  const viewer = requireViewer(request, ['read:statuses', 'read:notifications']);
  const cookie = request.cookies[SESSION_COOKIE];
  const stillSignedIn = async () => {
    const current =
      viewer.credential.kind === 'token'
        ? await credentials.viewerFromToken(token ?? '')
        : await credentials.viewerFromSession(cookie ?? '');
    return current !== null && current.userId === viewer.userId;
  };
  return { viewer, stillSignedIn };
}
