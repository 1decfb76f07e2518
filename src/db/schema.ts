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

export type NotificationType =
  | 'mention'
  | 'reply'
  | 'favourite'
  | 'reblog'
  | 'follow'
  | 'status'
  | 'update'
  | 'moderation'
  /** Roost: a brand draft waits for the recipient's approval. */
  | 'brand_review'
  /** Roost: the recipient's brand draft moved (approved, rejected, published, blocked). */
  | 'brand_update';

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

/** An uploaded image: unattached until a post claims it (`status_id`), shown in `position` order. */
export interface MediaAttachmentTable {
  id: number;
  account_id: number;
  status_id: number | null;
  position: number;
  /** File names under `<dataDir>/media/attachments`. */
  file: string;
  preview_file: string;
  content_type: string;
  file_size: number;
  width: number;
  height: number;
  preview_width: number;
  preview_height: number;
  description: string;
  focus_x: number | null;
  focus_y: number | null;
  blurhash: string | null;
  created_at: number;
}

export type ListRepliesPolicy = 'followed' | 'list' | 'none';

export interface ListTable {
  id: number;
  account_id: number;
  title: string;
  replies_policy: ListRepliesPolicy;
  /** 1: members' posts leave the owner's home timeline. */
  exclusive: number;
  created_at: number;
  updated_at: number;
}

export interface ListAccountTable {
  /** Cursor for paging a list's members in the order they were added. */
  id: number;
  list_id: number;
  account_id: number;
  created_at: number;
}

export type FilterAction = 'warn' | 'hide' | 'blur';

export interface FilterTable {
  id: number;
  account_id: number;
  title: string;
  /** Comma-separated contexts: home, notifications, public, thread, account. */
  context: string;
  filter_action: FilterAction;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface FilterKeywordTable {
  id: number;
  filter_id: number;
  keyword: string;
  whole_word: number;
  created_at: number;
}

export interface FilterStatusTable {
  id: number;
  filter_id: number;
  status_id: number;
  created_at: number;
}

export type ReportCategory = 'spam' | 'violation' | 'legal' | 'other';

export interface ReportTable {
  id: number;
  account_id: number;
  target_account_id: number;
  category: ReportCategory;
  comment: string;
  /** JSON arrays of ids, as given (the posts may since have gone). */
  status_ids: string;
  rule_ids: string;
  forwarded: number;
  action_taken_at: number | null;
  action_taken_by: number | null;
  created_at: number;
}

export interface AnnouncementTable {
  id: number;
  text: string;
  content_html: string;
  starts_at: number | null;
  ends_at: number | null;
  all_day: number;
  /** Shown from this time on (null: a draft). */
  published_at: number | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface AnnouncementDismissalTable {
  announcement_id: number;
  account_id: number;
  created_at: number;
}

export interface AnnouncementReactionTable {
  announcement_id: number;
  account_id: number;
  name: string;
  created_at: number;
}

/** One person's state of one direct-message thread: read up to, and hidden up to, a post id. */
export interface ConversationStateTable {
  account_id: number;
  thread_id: number;
  last_read_id: number;
  hidden_up_to: number;
  updated_at: number;
}

/** A brand account's governance: the account it speaks as, its settings and approval workflow. */
export interface BrandTable {
  id: number;
  account_id: number;
  colour: string;
  external: number;
  undo_window_seconds: number;
  require_two_factor: number;
  /** The approval policy as JSON. */
  workflow: string;
  paused_at: number | null;
  paused_by: number | null;
  pause_reason: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface BrandMemberTable {
  brand_id: number;
  account_id: number;
  role: 'contributor' | 'approver' | 'publisher' | 'owner';
  created_at: number;
}

/** The pause of every brand at once (scope 'all'). */
export interface PublishingPauseTable {
  scope: string;
  paused_at: number | null;
  paused_by: number | null;
  reason: string | null;
  updated_at: number;
}

export interface BrandDraftTable {
  id: number;
  brand_id: number;
  author_account_id: number;
  proposal_status_id: number | null;
  state: 'draft' | 'submitted' | 'in_review' | 'approved' | 'scheduled' | 'sending' | 'published' | 'retracted';
  revision_id: number;
  submission: Generated<number>;
  workflow: string;
  screening_summary: string | null;
  screening: string | null;
  scheduled_for: number | null;
  send_at: number | null;
  scheduled_by: number | null;
  waiting_for_resume: Generated<number>;
  break_glass_requested_by: number | null;
  break_glass_reason: string | null;
  break_glass_confirmed_by: number | null;
  pause_override: Generated<number>;
  status_id: number | null;
  sent_revision_id: number | null;
  published_at: number | null;
  retracted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface BrandDraftRevisionTable {
  id: number;
  draft_id: number;
  number: number;
  text: string;
  spoiler_text: string;
  editor_account_id: number;
  created_at: number;
}

export interface BrandDraftCommentTable {
  id: number;
  draft_id: number;
  revision_id: number;
  account_id: number | null;
  kind: 'comment' | 'rejection' | 'screening';
  body: string;
  created_at: number;
}

export interface BrandApprovalTable {
  id: number;
  draft_id: number;
  submission: number;
  revision_id: number;
  step_id: string;
  account_id: number;
  created_at: number;
}

export interface BrandConnectorTable {
  id: number;
  brand_id: number;
  kind: 'webhook' | 'mastodon' | 'bluesky';
  name: string;
  settings: string;
  secret: string;
  max_attempts: number;
  enabled: number;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export type DeliveryState = 'pending' | 'paused' | 'in_flight' | 'retrying' | 'delivered' | 'failed' | 'dead' | 'cancelled';

export interface BrandDeliveryTable {
  id: number;
  draft_id: number;
  revision_id: number;
  connector_id: number | null;
  destination: string;
  action: 'publish' | 'delete';
  state: DeliveryState;
  idempotency_key: string;
  remote_id: string | null;
  remote_url: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  job_id: number | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

export interface OutboundAllowlistTable {
  id: number;
  host: string;
  created_by: number | null;
  created_at: number;
}

export interface AuditLogTable {
  id: number;
  actor_account_id: number | null;
  action: string;
  subject_type: string;
  subject_id: number | null;
  brand_id: number | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  created_at: number;
}

export interface TwoFactorTable {
  user_id: number;
  secret: string;
  enabled_at: number | null;
  last_step: Generated<number>;
  created_at: number;
}

export interface TwoFactorRecoveryCodeTable {
  id: number;
  user_id: number;
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

export interface BlockTable {
  id: number;
  account_id: number;
  target_account_id: number;
  created_at: number;
}

export interface MuteTable {
  id: number;
  account_id: number;
  target_account_id: number;
  hide_notifications: number;
  expires_at: number | null;
  created_at: number;
}

export interface IdempotencyKeyTable {
  id: number;
  account_id: number;
  scope: string;
  key: string;
  status_code: number | null;
  response: string | null;
  created_at: number;
  expires_at: number;
}

export interface ScheduledStatusTable {
  id: number;
  account_id: number;
  scheduled_at: number;
  params: string;
  status_id: number | null;
  created_at: number;
}

export interface JobScheduleTable {
  name: string;
  next_run_at: number;
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
  job_schedules: JobScheduleTable;
  oauth_applications: OAuthApplicationTable;
  oauth_authorization_codes: OAuthAuthorizationCodeTable;
  oauth_refresh_tokens: OAuthRefreshTokenTable;
  oauth_app_tokens: OAuthAppTokenTable;
  media_attachments: MediaAttachmentTable;
  lists: ListTable;
  list_accounts: ListAccountTable;
  filters: FilterTable;
  filter_keywords: FilterKeywordTable;
  filter_statuses: FilterStatusTable;
  reports: ReportTable;
  announcements: AnnouncementTable;
  announcement_dismissals: AnnouncementDismissalTable;
  announcement_reactions: AnnouncementReactionTable;
  conversation_states: ConversationStateTable;
  screening_policies: ScreeningPolicyTable;
  post_screenings: PostScreeningTable;
  moderation_decisions: ModerationDecisionTable;
  brands: BrandTable;
  brand_members: BrandMemberTable;
  publishing_pauses: PublishingPauseTable;
  brand_drafts: BrandDraftTable;
  brand_draft_revisions: BrandDraftRevisionTable;
  brand_draft_comments: BrandDraftCommentTable;
  brand_approvals: BrandApprovalTable;
  brand_connectors: BrandConnectorTable;
  brand_deliveries: BrandDeliveryTable;
  outbound_allowlist: OutboundAllowlistTable;
  audit_log: AuditLogTable;
  two_factor: TwoFactorTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodeTable;
  blocks: BlockTable;
  mutes: MuteTable;
  idempotency_keys: IdempotencyKeyTable;
  scheduled_statuses: ScheduledStatusTable;
}

export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type User = Selectable<UserTable>;
export type Status = Selectable<StatusTable>;
export type Tag = Selectable<TagTable>;
export type Notification = Selectable<NotificationTable>;
export type Department = Selectable<DepartmentTable>;
