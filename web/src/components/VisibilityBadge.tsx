/** A quiet icon on posts whose audience is narrower than the whole organization. */
import type { MastodonVisibility } from '../api/types.js';
import { Icon } from './Icon.js';

export function VisibilityBadge({ visibility }: { visibility: MastodonVisibility }) {
  if (visibility === 'private') return <Icon name="lock" label="Followers only" className="visibility-badge" />;
  if (visibility === 'direct') return <Icon name="at" label="Mentioned people only" className="visibility-badge" />;
  return null;
}
