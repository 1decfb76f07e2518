/**
 * Account entities in Mastodon's shape (plus `roost` for organization data), as explicit
 * allow-lists. Pass the AppContext (or just `{ baseUrl }`) as `ctx` for absolute URLs.
 */
import type { HydratedAccount } from '../../services/accounts/hydrated-account.js';
import type { PersonUser } from '../../services/accounts/account-service.js';
import { renderBioHtml } from '../../services/accounts/bio-html.js';

export type PresentContext = { baseUrl: string } | { config: { baseUrl: string } };

export const DEFAULT_AVATAR_FILE = 'default.png';

function baseUrlOf(ctx: PresentContext): string {
  return 'baseUrl' in ctx ? ctx.baseUrl : ctx.config.baseUrl;
}

export function avatarUrl(file: string | null, baseUrl: string): string {
  return `${baseUrl}/media/avatars/${file ?? DEFAULT_AVATAR_FILE}`;
}

export function presentAccount(account: HydratedAccount, ctx: PresentContext) {
  const baseUrl = baseUrlOf(ctx);
  const url = `${baseUrl}/@${account.username}`;
  const avatar = avatarUrl(account.avatar_file, baseUrl);
  const header = avatarUrl(null, baseUrl);
  return {
    id: String(account.id),
    username: account.username,
    acct: account.username,
    display_name: account.display_name,
    locked: false,
    bot: account.bot === 1,
    discoverable: true,
    indexable: false,
    group: false,
    noindex: true,
    hide_collections: false,
    created_at: new Date(account.created_at).toISOString(),
    note: renderBioHtml(account.note),
    url,
    uri: url,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: account.followers_count,
    following_count: account.following_count,
    statuses_count: account.statuses_count,
    last_status_at:
      account.last_status_at === null ? null : new Date(account.last_status_at).toISOString().slice(0, 10),
    emojis: [],
    fields: [],
    ...(account.suspended_at !== null ? { suspended: true } : {}),
    roost: {
      department: account.department
        ? { id: String(account.department.id), name: account.department.name }
        : null,
      title: account.title,
      manager: account.manager
        ? {
            id: String(account.manager.id),
            username: account.manager.username,
            display_name: account.manager.display_name,
          }
        : null,
      kind: account.kind,
    },
  };
}

/** The signed-in person's own account (verify_credentials): adds `source` and private `roost` fields. */
export function presentCredentialAccount(account: HydratedAccount, user: PersonUser, ctx: PresentContext) {
  const presented = presentAccount(account, ctx);
  return {
    ...presented,
    source: {
      note: account.note,
      fields: [],
      privacy: 'public',
      sensitive: false,
      language: 'en',
      follow_requests_count: 0,
    },
    roost: {
      ...presented.roost,
      role: user.role,
      email: user.email,
      has_password: user.hasPassword,
    },
  };
}

/** Presents accounts in the order of `ids`, skipping any that did not load. */
export function presentAccountList(
  ids: number[],
  accounts: Map<number, HydratedAccount>,
  ctx: PresentContext,
) {
  return ids.flatMap((id) => {
    const account = accounts.get(id);
    return account ? [presentAccount(account, ctx)] : [];
  });
}
