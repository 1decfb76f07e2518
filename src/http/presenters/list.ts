/** List entities in Mastodon's shape, as an explicit allow-list. */
import type { List } from '../../services/lists/list-service.js';

export function presentList(list: List) {
  return {
    id: String(list.id),
    title: list.title,
    replies_policy: list.replies_policy,
    exclusive: list.exclusive === 1,
  };
}
