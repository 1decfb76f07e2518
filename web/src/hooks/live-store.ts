/**
 * Small shared stores outside React: posts that arrived live while the reader was scrolled down
 * (per timeline), and the polite screen-reader announcement.
 */
import { useSyncExternalStore } from 'react';
import type { Status } from '../api/types.js';

type Listener = () => void;

function createStore<T>(initial: T) {
  let value = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const pending = createStore<Record<string, Status[]>>({});

export function addPending(timeline: string, status: Status): void {
  const current = pending.get()[timeline] ?? [];
  if (current.some((s) => s.id === status.id)) return;
  pending.set({ ...pending.get(), [timeline]: [status, ...current] });
}

export function takePending(timeline: string): Status[] {
  const current = pending.get()[timeline] ?? [];
  if (current.length > 0) pending.set({ ...pending.get(), [timeline]: [] });
  return current;
}

export function dropPending(id: string): void {
  const next: Record<string, Status[]> = {};
  for (const [name, list] of Object.entries(pending.get())) next[name] = list.filter((s) => s.id !== id && s.reblog?.id !== id);
  pending.set(next);
}

export function usePending(timeline: string): Status[] {
  const all = useSyncExternalStore(pending.subscribe, pending.get);
  return all[timeline] ?? EMPTY;
}
const EMPTY: Status[] = [];

const announcement = createStore<{ text: string; at: number }>({ text: '', at: 0 });

export function announce(text: string): void {
  announcement.set({ text, at: Date.now() });
}

export function useAnnouncement(): { text: string; at: number } {
  return useSyncExternalStore(announcement.subscribe, announcement.get);
}
