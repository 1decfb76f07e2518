/**
 * All services, built in one place. A service's constructor takes only what it uses; services
 * that need another feature take that feature's service, never its tables.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import { Accounts } from './accounts/account-service.js';
import { avatarStoreFor } from './accounts/avatar-store.js';
import { Credentials } from './auth/credentials.js';
import { Notifications } from './notifications/notification-service.js';
import { Posts } from './posts/post-service.js';
import { Search } from './search/search-service.js';
import { Setup } from './setup/setup-service.js';
import { Timelines } from './timelines/timeline-service.js';

export interface Services {
  credentials: Credentials;
  accounts: Accounts;
  posts: Posts;
  timelines: Timelines;
  notifications: Notifications;
  search: Search;
  setup: Setup;
}

export function createServices(config: Config, database: Database, events: EventBus): Services {
  void config;
  void events;
  const credentials = new Credentials(database);
  const accounts = new Accounts(database, avatarStoreFor(config));
  const search = new Search(database);
  const notifications = new Notifications(database);
  const timelines = new Timelines(database);
  const posts = new Posts(database);
  const setup = new Setup(database);
  return { credentials, accounts, posts, timelines, notifications, search, setup };
}
