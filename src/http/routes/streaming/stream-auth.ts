/**
 * Who opens a stream: the session cookie (EventSource in the web app), a bearer token, or — as
 * Mastodon clients do, since EventSource cannot set headers — an `access_token` query parameter.
 * Also returns how to check later that the same credential still works.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import { requireViewer, SESSION_COOKIE } from '../../auth.js';

export interface StreamViewer {
  viewer: Viewer;
  stillSignedIn: () => Promise<boolean>;
}

export async function streamViewer(
  ctx: AppContext,
  request: FastifyRequest,
  accessToken: string | undefined,
): Promise<StreamViewer> {
  const { credentials } = ctx.services;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer ?? (request.viewer ? undefined : accessToken);
  if (token && !request.viewer) request.viewer = await credentials.viewerFromToken(token);
  const viewer = requireViewer(request, 'read:statuses');
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
