/** A countdown to a moment (the end of the undo window), ticking every second while it runs. */
import { useEffect, useState } from 'react';

export function useSecondsUntil(iso: string | null): number | null {
  const target = iso ? Date.parse(iso) : NaN;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (Number.isNaN(target)) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [target]);
  if (Number.isNaN(target)) return null;
  return Math.max(0, Math.ceil((target - now) / 1000));
}

export function formatCountdown(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}:${String(secs).padStart(2, '0')}`;
}

export function Countdown({ iso }: { iso: string }) {
  const seconds = useSecondsUntil(iso);
  if (seconds === null) return null;
  return (
    <time className="countdown" dateTime={iso} data-testid="countdown" aria-live="off">
      {formatCountdown(seconds)}
    </time>
  );
}
