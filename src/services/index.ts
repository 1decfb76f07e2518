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
import { Invites } from './auth/invites.js';
import { Follows } from './follows/follow-service.js';
import { Markers } from './markers/marker-service.js';
import { Notifications } from './notifications/notification-service.js';
import { OAuth } from './oauth/oauth-service.js';
import { Interactions } from './posts/interactions.js';
import { Posts } from './posts/post-service.js';
import { Search } from './search/search-service.js';
import { Setup } from './setup/setup-service.js';
import { Tags } from './tags/tag-service.js';
import { Timelines } from './timelines/timeline-service.js';

export interface Services {
  credentials: Credentials;
  accounts: Accounts;
  invites: Invites;
  follows: Follows;
  posts: Posts;
  interactions: Interactions;
  tags: Tags;
  timelines: Timelines;
  notifications: Notifications;
  markers: Markers;
  search: Search;
  setup: Setup;
  oauth: OAuth;
}

export function createServices(config: Config, database: Database, events: EventBus): Services {
  void config;
  void events;
  const oauth = new OAuth(database, events);
  const credentials = new Credentials(database, events, oauth);
  const accounts = new Accounts(database, avatarStoreFor(config), oauth);
  const search = new Search(database);
  const markers = new Markers(database);
  const notifications = new Notifications(database, events, markers);
  const timelines = new Timelines(database, events);
  const setup = new Setup(database, accounts, credentials);
  const invites = new Invites(database, accounts, credentials);
  const follows = new Follows(database, accounts, notifications, timelines);
  const tags = new Tags(database);
  const posts = new Posts({ config, database, accounts, follows, tags, timelines, notifications, search });
  const interactions = new Interactions(database, posts, timelines, notifications);
  return { credentials, accounts, invites, follows, posts, interactions, tags, timelines, notifications, markers, search, setup, oauth };
}
