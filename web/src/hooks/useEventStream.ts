/**
 * Subscribes to a server-sent event stream and reconnects with exponential backoff when the
 * connection closes (the browser only retries by itself on some failures).
 */
import { useEffect, useRef, useState } from 'react';

export type StreamHandler = (event: string, data: string) => void;

const EVENTS = ['update', 'notification', 'delete', 'status.update'] as const;

export type StreamState = 'connecting' | 'open' | 'retrying';

export function useEventStream(path: string | null, handler: StreamHandler, onReconnect?: () => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handlerRef = useRef(handler);
  const reconnectRef = useRef(onReconnect);
  handlerRef.current = handler;
  reconnectRef.current = onReconnect;

  useEffect(() => {
    if (!path) return;
    let source: EventSource | null = null;
    let timer: number | undefined;
    let attempt = 0;
    let stopped = false;
    let everOpened = false;

    function connect() {
      source = new EventSource(path!, { withCredentials: true });
      source.addEventListener('open', () => {
        setState('open');
        // After a drop, what happened meanwhile is fetched again.
        if (everOpened) reconnectRef.current?.();
        everOpened = true;
        attempt = 0;
      });
      for (const name of EVENTS) {
        source.addEventListener(name, (event) => handlerRef.current(name, (event as MessageEvent<string>).data));
      }
      source.addEventListener('error', () => {
        if (stopped || !source) return;
        setState('retrying');
        if (source.readyState !== EventSource.CLOSED) return;
        source.close();
        const delay = Math.min(30_000, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
        attempt += 1;
        timer = window.setTimeout(connect, delay);
      });
    }

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      source?.close();
      setState('connecting');
    };
  }, [path]);
  return state;
}
