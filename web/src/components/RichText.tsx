/** Server-rendered HTML (a bio) whose same-site links are routed inside the app. */
import type { MouseEvent } from 'react';
import { isModifiedClick, localPath, navigate } from '../router.js';

export function RichText({ html, className }: { html: string; className?: string }) {
  function onClick(event: MouseEvent<HTMLDivElement>) {
    const anchor = (event.target as HTMLElement).closest('a');
    if (!anchor || isModifiedClick(event)) return;
    const target = anchor.classList.contains('hashtag')
      ? `/tags/${encodeURIComponent((anchor.textContent ?? '').replace(/^#/, '').trim())}`
      : localPath(anchor.href);
    if (target) {
      event.preventDefault();
      navigate(target);
    }
  }
  return <div className={className} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
