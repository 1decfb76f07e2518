/**
 * A tiny client-side router on the History API: `navigate()`, `useLocation()` and `<Link>`.
 * Same-origin clicks stay in the app; modified clicks (new tab, etc.) behave as the browser wants.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'roost:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export interface AppLocation {
  pathname: string;
  search: URLSearchParams;
  href: string;
}

export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: decodeURIComponent(url.pathname), search: url.searchParams, href };
}

export function navigate(to: string, options: { replace?: boolean; keepScroll?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!options.keepScroll) window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** True when a click should be left to the browser (new tab, download, other window). */
export function isModifiedClick(event: MouseEvent | globalThis.MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

/** Returns the in-app path for a same-origin URL, or null for anything external. */
export function localPath(href: string): string | null {
  try {
    const url = new URL(href, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    if (/^\/(api|oauth|media|avatars)\//.test(url.pathname)) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
  replace?: boolean;
}

export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || isModifiedClick(event) || rest.target) return;
    event.preventDefault();
    navigate(to, { replace });
  }
  return <a href={to} onClick={handleClick} {...rest} />;
}

/** Profile paths: `/@alice` and `/@alice/123`. */
export function profilePath(username: string): string {
  return `/@${username}`;
}

export function statusPath(username: string, id: string): string {
  return `/@${username}/${id}`;
}
