/** Conversation entities in Mastodon's shape: the other participants, the unread mark and the last message. */
import type { HydratedAccount } from '../../services/accounts/hydrated-account.js';
import type { ConversationView } from '../../services/conversations/conversation-service.js';
import type { HydratedStatus } from '../../services/posts/hydrated-status.js';
import { presentAccountList, type PresentContext } from './account.js';
import { presentStatus } from './status.js';

/** Null when the last message cannot be shown to the viewer (then the conversation is left out). */
export function presentConversation(
  conversation: ConversationView,
  lastStatus: HydratedStatus | undefined,
  accounts: Map<number, HydratedAccount>,
  ctx: PresentContext,
) {
  if (!lastStatus) return null;
  return {
    id: String(conversation.threadId),
    unread: conversation.unread,
    accounts: presentAccountList(conversation.participantIds, accounts, ctx),
    last_status: presentStatus(lastStatus, ctx),
  };
}
