/**
 * All services, built in one place. A service's constructor takes only what it uses; services
 * that need another feature take that feature's service, never its tables.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import { Accounts } from './accounts/account-service.js';
import { createBrandServices, type BrandServices } from './brands/brand-services.js';
import { avatarStoreFor } from './accounts/avatar-store.js';
import { Credentials } from './auth/credentials.js';
import { Invites } from './auth/invites.js';
import { Follows } from './follows/follow-service.js';
import { Markers } from './markers/marker-service.js';
import { Moderation } from './moderation/moderation-service.js';
import { Notifications } from './notifications/notification-service.js';
import { OAuth } from './oauth/oauth-service.js';
import { Interactions } from './posts/interactions.js';
import { Posts } from './posts/post-service.js';
import { ScreeningService } from './screening/screening-service.js';
import { Search } from './search/search-service.js';
import { Setup } from './setup/setup-service.js';
import { Tags } from './tags/tag-service.js';
import { Timelines } from './timelines/timeline-service.js';
import { Announcements } from './announcements/announcement-service.js';
import { Conversations } from './conversations/conversation-service.js';
import { Filters } from './filters/filter-service.js';
import { Lists } from './lists/list-service.js';
import { Media } from './media/media-service.js';
import { mediaStoreFor } from './media/media-store.js';
import { Preferences } from './preferences/preference-service.js';
import { Reports } from './reports/report-service.js';
import { Trends } from './trends/trend-service.js';
import { Blocks } from './blocks/block-service.js';
import { Idempotency } from './idempotency/idempotency-service.js';
import { Scheduled } from './scheduled/scheduled-service.js';

/** The brand-account services (brands, drafts, approvals, audit, connectors, outbox, two-factor) come from BrandServices. */
export interface Services extends BrandServices {
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
  screening: ScreeningService;
  moderation: Moderation;
  media: Media;
  lists: Lists;
  filters: Filters;
  reports: Reports;
  announcements: Announcements;
  trends: Trends;
  conversations: Conversations;
  preferences: Preferences;
  blocks: Blocks;
  idempotency: Idempotency;
  scheduled: Scheduled;
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
  const screening = new ScreeningService(database);
  const media = new Media(database, mediaStoreFor(config), config.uploadLimit);
  const posts = new Posts({ config, database, accounts, follows, tags, timelines, notifications, search, screening, media });
  const blocks = new Blocks(database, accounts, follows);
  follows.attachBlocks(blocks);
  const idempotency = new Idempotency(database);
  const scheduled = new Scheduled({ config, database, accounts, posts, media, idempotency });
  const moderation = new Moderation(database, posts, notifications);
  const interactions = new Interactions(database, posts, timelines, notifications);
  const lists = new Lists(database, follows);
  const filters = new Filters(database, events, posts);
  const reports = new Reports(database, accounts, posts);
  // Read when rendering, so a base URL fixed after start-up (tests bind a port first) is the one used.
  const announcements = new Announcements(database, accounts, () => config.baseUrl);
  const trends = new Trends(database);
  const conversations = new Conversations(database);
  const preferences = new Preferences();
  const brandServices = createBrandServices({ config, database, accounts, posts, notifications, screening });
  return { ...brandServices, credentials, accounts, invites, follows, posts, interactions, tags, timelines, notifications, markers, search, setup, oauth, screening, moderation, media, lists, filters, reports, announcements, trends, conversations, preferences, blocks, idempotency, scheduled };
}
