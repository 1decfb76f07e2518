/**
 * A post's body: the optional content warning, then the server-rendered (and server-sanitized)
 * HTML. Mentions, hashtags and other links to this site are routed inside the app.
 */
import { useState, type MouseEvent } from 'react';
import type { Status } from '../api/types.js';
import { isModifiedClick, localPath, navigate } from '../router.js';

function inAppTarget(anchor: HTMLAnchorElement, status: Status): string | null {
  const text = (anchor.textContent ?? '').trim();
  if (anchor.classList.contains('hashtag') || anchor.rel.split(' ').includes('tag')) {
    const tag = text.replace(/^#/, '');
    return tag ? `/tags/${encodeURIComponent(tag)}` : null;
  }
  if (anchor.classList.contains('mention')) {
    const mention = status.mentions.find((m) => m.url === anchor.href || `@${m.acct}`.toLowerCase() === text.toLowerCase());
    if (mention) return `/@${mention.acct}`;
  }
  return localPath(anchor.href);
}

export function StatusContent({ status, large }: { status: Status; large?: boolean }) {
  const [revealed, setRevealed] = useState(false);
  const hasWarning = status.spoiler_text.trim().length > 0;

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const anchor = (event.target as HTMLElement).closest('a');
    if (!anchor || isModifiedClick(event)) return;
    const target = inAppTarget(anchor, status);
    if (target) {
      event.preventDefault();
      navigate(target);
    }
  }

  return (
    <div className="status-body">
      {hasWarning && (
        <div className="status-warning">
          <span>{status.spoiler_text}</span>
          <button type="button" className="chip" aria-expanded={revealed} onClick={() => setRevealed((r) => !r)}>
            {revealed ? 'Show less' : 'Show more'}
          </button>
        </div>
      )}
      {(!hasWarning || revealed) && (
        <div
          className={`status-content${large ? ' status-content-large' : ''}`}
          lang={status.language ?? undefined}
          onClick={onClick}
          dangerouslySetInnerHTML={{ __html: status.content }}
        />
      )}
    </div>
  );
}
