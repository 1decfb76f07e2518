/**
 * The entities the web app reads from the public API: Mastodon's shapes plus Roost's `roost`
 * extension object (docs/CONTRACTS.md "Entities"). IDs are strings.
 */

export type MastodonVisibility = 'public' | 'unlisted' | 'private' | 'direct';
export type RoostVisibility = 'organization' | 'followers' | 'mentioned';
export type UserRole = 'admin' | 'moderator' | 'member';

export interface Department {
  id: string;
  name: string;
  member_count?: number;
}

export interface AccountRoost {
  department: { id: string; name: string } | null;
  title: string;
  manager: { id: string; username: string; display_name: string } | null;
  kind: 'person' | 'brand';
}

export interface Account {
  id: string;
  username: string;
  acct: string;
  url: string;
  display_name: string;
  note: string;
  avatar: string;
  avatar_static?: string;
  bot?: boolean;
  created_at: string;
  last_status_at?: string | null;
  statuses_count: number;
  followers_count: number;
  following_count: number;
  roost?: Partial<AccountRoost>;
}

export interface CredentialAccount extends Account {
  source?: { note?: string; privacy?: MastodonVisibility; sensitive?: boolean; language?: string | null };
  roost?: Partial<AccountRoost> & { role?: UserRole; email?: string };
}

export interface Mention {
  id: string;
  username: string;
  acct: string;
  url: string;
}

export interface StatusTag {
  name: string;
  url: string;
}

export interface Status {
  id: string;
  uri?: string;
  url?: string | null;
  created_at: string;
  edited_at?: string | null;
  account: Account;
  content: string;
  text?: string | null;
  visibility: MastodonVisibility;
  sensitive: boolean;
  spoiler_text: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  reblog: Status | null;
  mentions: Mention[];
  tags: StatusTag[];
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited?: boolean;
  reblogged?: boolean;
  bookmarked?: boolean;
  language?: string | null;
  roost?: { visibility?: RoostVisibility };
}

export interface StatusEdit {
  content: string;
  spoiler_text: string;
  sensitive?: boolean;
  created_at: string;
  account: Account;
}

export interface StatusSource {
  id: string;
  text: string;
  spoiler_text: string;
}

export interface StatusContext {
  ancestors: Status[];
  descendants: Status[];
}

export type NotificationType = 'mention' | 'status' | 'reblog' | 'favourite' | 'follow' | 'update' | string;

export interface Notification {
  id: string;
  type: NotificationType;
  created_at: string;
  account: Account;
  status?: Status | null;
}

export interface Tag {
  name: string;
  url: string;
  history?: { day: string; uses: string; accounts: string }[];
  following?: boolean;
}

export interface Relationship {
  id: string;
  following: boolean;
  followed_by: boolean;
  requested?: boolean;
}

export interface SearchResults {
  accounts: Account[];
  statuses: Status[];
  hashtags: Tag[];
}

export interface Instance {
  domain: string;
  title: string;
  description?: string;
  configuration: { statuses: { max_characters: number } };
}

export interface Invite {
  id: string;
  url?: string;
  email: string;
  role: UserRole;
  expires_at: string | number;
  used_at?: string | number | null;
  created_at?: string | number;
  state?: 'pending' | 'used' | 'expired';
}

export interface SessionResponse {
  account: CredentialAccount;
}

/** One page of a paginated list, with the cursors the Link header carried. */
export interface Page<T> {
  items: T[];
  /** Path (with query) of the next, older page, or null at the end. */
  next: string | null;
}
