/**
 * The database's tables as Kysely sees them. Timestamps are integer milliseconds since the epoch,
 * booleans are 0/1 integers and JSON is text, so one query code base runs on SQLite and PostgreSQL.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface DepartmentTable {
  id: number;
  name: string;
  created_at: number;
}

export interface AccountTable {
  id: number;
  username: string;
  username_lower: string;
  display_name: string;
  note: string;
  avatar_file: string | null;
  department_id: number | null;
  title: string;
  manager_id: number | null;
  kind: 'person' | 'brand';
  bot: Generated<number>;
  followers_count: Generated<number>;
  following_count: Generated<number>;
  statuses_count: Generated<number>;
  last_status_at: number | null;
  created_at: number;
  updated_at: number;
  suspended_at: number | null;
}

export type UserRole = 'admin' | 'moderator' | 'member';

export interface UserTable {
  id: number;
  account_id: number;
  email: string;
  password_hash: string | null;
  role: UserRole;
  created_at: number;
  password_changed_at: number | null;
  last_sign_in_at: number | null;
  disabled_at: number | null;
}

export interface SessionTable {
  id: number;
  user_id: number;
  token_hash: string;
  user_agent: string;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

export interface AccessTokenTable {
  id: number;
  user_id: number;
  token_hash: string;
  name: string;
  scopes: string;
  application_id: number | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  expires_at: number | null;
}

export type OneTimeTokenPurpose = 'invite' | 'sign_in';

export interface OneTimeTokenTable {
  id: number;
  token_hash: string;
  purpose: OneTimeTokenPurpose;
  user_id: number | null;
  email: string | null;
  role: UserRole | null;
  created_by: number | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export type Visibility = 'organization' | 'followers' | 'mentioned';

export interface StatusTable {
  id: number;
  account_id: number;
  text: string;
  content_html: string;
  spoiler_text: string;
  visibility: Visibility;
  in_reply_to_id: number | null;
  in_reply_to_account_id: number | null;
  reblog_of_id: number | null;
  thread_id: number;
  language: string | null;
  sensitive: Generated<number>;
  replies_count: Generated<number>;
  reblogs_count: Generated<number>;
  favourites_count: Generated<number>;
  created_at: number;
  edited_at: number | null;
  /** Screening: a held post waits for a moderator; held and removed posts are seen by their author only. */
  moderation_state: Generated<ModerationState>;
}

export type ModerationState = 'visible' | 'held' | 'removed';

export interface StatusEditTable {
  id: number;
  status_id: number;
  text: string;
  spoiler_text: string;
  content_html: string;
  sensitive: Generated<number>;
  created_at: number;
}

export interface MentionTable {
  status_id: number;
  account_id: number;
}

export interface TagTable {
  id: number;
  name: string;
  display_name: string;
  created_at: number;
  last_used_at: number;
}

export interface StatusTagTable {
  status_id: number;
  tag_id: number;
}

export interface FavouriteTable {
  id: number;
  account_id: number;
  status_id: number;
  created_at: number;
}

export interface BookmarkTable {
  id: number;
  account_id: number;
  status_id: number;
  created_at: number;
}

export interface FollowTable {
  id: number;
  account_id: number;
  target_account_id: number;
  created_at: number;
}

export interface TagFollowTable {
  id: number;
  account_id: number;
  tag_id: number;
  created_at: number;
}

export interface HomeFeedTable {
  account_id: number;
  status_id: number;
}

export type NotificationType = 'mention' | 'reply' | 'favourite' | 'reblog' | 'follow' | 'status' | 'update' | 'moderation';

export interface NotificationTable {
  id: number;
  account_id: number;
  from_account_id: number;
  type: NotificationType;
  status_id: number | null;
  created_at: number;
}

export interface MarkerTable {
  account_id: number;
  timeline: 'home' | 'notifications';
  last_read_id: number;
  version: number;
  updated_at: number;
}

/** Accounts whose posts are merged into followers' home timelines at read time (too many followers to copy). */
export interface FanInAccountTable {
  account_id: number;
  created_at: number;
}

export interface JobTable {
  id: number;
  name: string;
  payload: string;
  run_at: number;
  attempts: Generated<number>;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  dead_at: number | null;
  dedupe_key: string | null;
}

/** An OAuth client registered through POST /api/v1/apps. Redirect URIs are newline-separated, scopes space-separated. */
export interface OAuthApplicationTable {
  id: number;
  name: string;
  website: string | null;
  redirect_uris: string;
  scopes: string;
  client_id: string;
  client_secret_hash: string;
  created_at: number;
}

export interface OAuthAuthorizationCodeTable {
  id: number;
  code_hash: string;
  application_id: number;
  user_id: number;
  redirect_uri: string;
  scopes: string;
  /** PKCE S256 challenge; null when the client sent none. */
  code_challenge: string | null;
  created_at: number;
  used_at: number | null;
}

export interface OAuthRefreshTokenTable {
  id: number;
  token_hash: string;
  application_id: number;
  user_id: number;
  /** The access token issued alongside (in access_tokens). */
  access_token_id: number;
  /** The authorization code every token of one rotation chain descends from. */
  grant_id: number;
  scopes: string;
  created_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

/** App-only tokens (client_credentials grant): no person behind them. */
export interface OAuthAppTokenTable {
  id: number;
  token_hash: string;
  application_id: number;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A version of the screening policy; the highest version is the current one. */
export interface ScreeningPolicyTable {
  id: number;
  version: number;
  /** The policy document as JSON text. */
  document: string;
  created_by: number | null;
  created_by_account_id: number | null;
  created_at: number;
  note: string;
}

/** A screening of a post that found something: on create and on every edit. */
export interface PostScreeningTable {
  id: number;
  status_id: number;
  action: 'allow' | 'warn' | 'review' | 'block';
  /** The findings as JSON text, each tagged with the field it was found in. */
  findings: string;
  policy_version: number;
  created_at: number;
}

export interface ModerationDecisionTable {
  id: number;
  status_id: number;
  moderator_user_id: number | null;
  moderator_account_id: number | null;
  decision: 'release' | 'remove';
  reason: string;
  decided_at: number;
}

export interface Schema {
  departments: DepartmentTable;
  accounts: AccountTable;
  users: UserTable;
  sessions: SessionTable;
  access_tokens: AccessTokenTable;
  one_time_tokens: OneTimeTokenTable;
  statuses: StatusTable;
  status_edits: StatusEditTable;
  mentions: MentionTable;
  tags: TagTable;
  status_tags: StatusTagTable;
  favourites: FavouriteTable;
  bookmarks: BookmarkTable;
  follows: FollowTable;
  tag_follows: TagFollowTable;
  home_feed: HomeFeedTable;
  notifications: NotificationTable;
  markers: MarkerTable;
  fan_in_accounts: FanInAccountTable;
  jobs: JobTable;
  oauth_applications: OAuthApplicationTable;
  oauth_authorization_codes: OAuthAuthorizationCodeTable;
  oauth_refresh_tokens: OAuthRefreshTokenTable;
  oauth_app_tokens: OAuthAppTokenTable;
  screening_policies: ScreeningPolicyTable;
  post_screenings: PostScreeningTable;
  moderation_decisions: ModerationDecisionTable;
}

export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type User = Selectable<UserTable>;
export type Status = Selectable<StatusTable>;
export type Tag = Selectable<TagTable>;
export type Notification = Selectable<NotificationTable>;
export type Department = Selectable<DepartmentTable>;
