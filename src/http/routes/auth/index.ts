/** Sign-in, sessions, one-time links and invites. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerInvites } from './invites.js';
import { registerLinkSignIn } from './link.js';
import { registerPassword } from './password.js';
import { registerSession } from './session.js';
import { registerSignIn } from './sign-in.js';
import { registerSignOut } from './sign-out.js';

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  registerSignIn(app, ctx);
  registerSignOut(app, ctx);
  registerSession(app, ctx);
  registerPassword(app, ctx);
  registerLinkSignIn(app, ctx);
  registerInvites(app, ctx);
}
