/**
 * Status entities in Mastodon's shape, as an explicit allow-list, plus `roost.visibility` with
 * Roost's audience name and, on held or removed posts, `roost.moderation`. `ctx` is the AppContext (or just `{ baseUrl }`) for absolute URLs.
 */
import { toMastodonVisibility, type Visibility } from '../../domain/visibility.js';
import type { HydratedAccount } from '../../services/accounts/hydrated-account.js';
import type { FilterMatcher } from '../../services/filters/matcher.js';
import type { HydratedStatus } from '../../services/posts/hydrated-status.js';
import { presentAccount, type PresentContext } from './account.js';
import { presentFilterResult, type PresentedFilterResult } from './filter.js';
import { presentMediaAttachment, type PresentedMediaAttachment } from './media.js';
import { presentModeration, type PresentedModeration } from './screening.js';
import { tagUrl } from './tag.js';

export interface StatusPresentOptions {
  /** The source text, for the response to a delete ("delete and redraft"); otherwise `text` is null. */
  withSource?: boolean;
  /** The viewer's filters for the context the post is shown in: they fill `filtered`. */
  filters?: FilterMatcher;
}

export function baseUrlOf(ctx: PresentContext): string {
  return 'baseUrl' in ctx ? ctx.baseUrl : ctx.config.baseUrl;
}

export function statusUrl(baseUrl: string, username: string, id: number): string {
  return `${baseUrl}/@${username}/${id}`;
}

export interface PresentedStatus {
  id: string;
  created_at: string;
  edited_at: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: ReturnType<typeof toMastodonVisibility>;
  language: string | null;
  uri: string;
  url: string;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited: boolean;
  reblogged: boolean;
  muted: boolean;
  bookmarked: boolean;
  pinned: boolean;
  content: string;
  filtered: PresentedFilterResult[];
  reblog: PresentedStatus | null;
  application: null;
  account: ReturnType<typeof presentAccount>;
  media_attachments: PresentedMediaAttachment[];
  mentions: { id: string; username: string; acct: string; url: string }[];
  tags: { name: string; url: string }[];
  emojis: never[];
  card: null;
  poll: null;
  text: string | null;
  /** `moderation`: only on a held or removed post, for its author and moderators. */
  roost: { visibility: Visibility; moderation?: PresentedModeration };
}

export function presentStatus(
  status: HydratedStatus,
  ctx: PresentContext,
  options: StatusPresentOptions = {},
): PresentedStatus {
  const baseUrl = baseUrlOf(ctx);
  const url = statusUrl(baseUrl, status.account.username, status.id);
  return {
    id: String(status.id),
    created_at: new Date(status.created_at).toISOString(),
    edited_at: status.edited_at === null ? null : new Date(status.edited_at).toISOString(),
    in_reply_to_id: status.in_reply_to_id === null ? null : String(status.in_reply_to_id),
    in_reply_to_account_id:
      status.in_reply_to_account_id === null ? null : String(status.in_reply_to_account_id),
    sensitive: status.sensitive === 1,
    spoiler_text: status.spoiler_text,
    visibility: toMastodonVisibility(status.visibility),
    language: status.language,
    uri: url,
    url,
    replies_count: status.replies_count,
    reblogs_count: status.reblogs_count,
    favourites_count: status.favourites_count,
    favourited: status.favourited,
    reblogged: status.reblogged,
    muted: false,
    bookmarked: status.bookmarked,
    pinned: false,
    content: status.content_html,
    filtered: options.filters && !options.filters.isEmpty ? options.filters.match(status).map(presentFilterResult) : [],
    reblog: status.reblog === null ? null : presentStatus(status.reblog, ctx),
    application: null,
    account: presentAccount(status.account, ctx),
    media_attachments: (status.media_attachments ?? []).map((m) => presentMediaAttachment(m, ctx)),
    mentions: status.mentions.map((account) => presentMention(account, baseUrl)),
    tags: status.tags.map((tag) => ({ name: tag.display_name, url: tagUrl(baseUrl, tag.name) })),
    emojis: [],
    card: null,
    poll: null,
    text: options.withSource ? status.text : null,
    roost: {
      visibility: status.visibility,
      ...(status.moderation ? { moderation: presentModeration(status.moderation) } : {}),
    },
  };
}

function presentMention(account: HydratedAccount, baseUrl: string) {
  return {
    id: String(account.id),
    username: account.username,
    acct: account.username,
    url: `${baseUrl}/@${account.username}`,
  };
}
