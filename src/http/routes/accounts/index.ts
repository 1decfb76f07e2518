/** People: profiles, the directory, departments, following, and avatar files. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerAvatarFiles } from './avatar-files.js';
import { registerDepartments } from './departments.js';
import { registerDirectory } from './directory.js';
import { registerFollowRoutes } from './follows.js';
import { registerShowAccount } from './show.js';
import { registerUpdateCredentials } from './update-credentials.js';
import { registerVerifyCredentials } from './verify-credentials.js';

export function registerAccountsRoutes(app: App, ctx: AppContext): void {
  registerVerifyCredentials(app, ctx);
  registerUpdateCredentials(app, ctx);
  registerFollowRoutes(app, ctx);
  registerShowAccount(app, ctx);
  registerDirectory(app, ctx);
  registerDepartments(app, ctx);
  registerAvatarFiles(app, ctx);
}
