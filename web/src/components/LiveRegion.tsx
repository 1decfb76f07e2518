/** The polite live region that announces new posts and results of actions to screen readers. */
import { useAnnouncement } from '../hooks/live-store.js';

export function LiveRegion() {
  const { text, at } = useAnnouncement();
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      <span key={at}>{text}</span>
    </div>
  );
}
