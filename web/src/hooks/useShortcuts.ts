/**
 * Keyboard shortcuts: n composer, / search, j/k next/previous post, l like, r reply, o/Enter open,
 * ? the list. Ignored while typing in a field or with a modifier held.
 */
import { useEffect } from 'react';
import { navigate } from '../router.js';

export const SHORTCUTS: Array<[string, string]> = [
  ['n', 'Write a new post'],
  ['/', 'Search'],
  ['j', 'Next post'],
  ['k', 'Previous post'],
  ['l', 'Like the selected post'],
  ['r', 'Reply to the selected post'],
  ['o', 'Open the selected post'],
  ['?', 'Show these shortcuts'],
  ['Ctrl/⌘ + Enter', 'Send from the composer'],
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function posts(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('main article[data-status-id]'));
}

function currentPost(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement ? active.closest<HTMLElement>('article[data-status-id]') : null;
}

function movePost(step: 1 | -1): void {
  const list = posts();
  if (list.length === 0) return;
  const current = currentPost();
  const index = current ? list.indexOf(current) : -1;
  const next = list[index < 0 ? (step === 1 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step))];
  next?.focus();
  next?.scrollIntoView({ block: 'nearest' });
}

function clickIn(post: HTMLElement | null, selector: string): void {
  post?.querySelector<HTMLElement>(selector)?.click();
}

export function useShortcuts(openHelp: () => void): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const post = currentPost();
      switch (event.key) {
        case 'n': {
          const composer = document.querySelector<HTMLTextAreaElement>('textarea[data-primary-composer]');
          if (composer) composer.focus();
          else navigate('/?compose=1');
          break;
        }
        case '/': {
          const box = Array.from(document.querySelectorAll<HTMLInputElement>('input[data-search-input]')).find(
            (input) => input.offsetParent !== null,
          );
          if (box) box.focus();
          else navigate('/search');
          break;
        }
        case 'j':
          movePost(1);
          break;
        case 'k':
          movePost(-1);
          break;
        case 'l':
          clickIn(post, '[data-action="favourite"]');
          break;
        case 'r':
          clickIn(post, '[data-action="reply"]');
          break;
        case 'o':
          clickIn(post, '[data-action="open"]');
          break;
        case 'Enter':
          if (post && document.activeElement === post) clickIn(post, '[data-action="open"]');
          else return;
          break;
        case '?':
          openHelp();
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openHelp]);
}
