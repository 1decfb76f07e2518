/** StatusEdit (one version in a post's history) and StatusSource (the text to edit) in Mastodon's shapes. */
import type { HydratedStatus } from '../../services/posts/hydrated-status.js';
import type { StatusVersion } from '../../services/posts/post-service.js';
import { presentAccount, type PresentContext } from './account.js';

export function presentStatusEdit(version: StatusVersion, status: HydratedStatus, ctx: PresentContext) {
  return {
    content: version.contentHtml,
    spoiler_text: version.spoilerText,
    sensitive: version.sensitive,
    created_at: new Date(version.createdAt).toISOString(),
    account: presentAccount(status.account, ctx),
    poll: null,
    media_attachments: [],
    emojis: [],
  };
}

export function presentStatusSource(source: { id: number; text: string; spoilerText: string }) {
  return { id: String(source.id), text: source.text, spoiler_text: source.spoilerText };
}
