/** "3m", "2h", "Mar 4" — with the full date and time on hover and for assistive technology. */
import { useNow } from '../hooks/useNow.js';

const ABSOLUTE = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const LONG_DATE = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

export function formatRelative(date: Date, now: number): string {
  const seconds = Math.round((now - date.getTime()) / 1000);
  if (seconds < 45) return 'now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days}d`;
  return new Date(now).getFullYear() === date.getFullYear() ? SHORT_DATE.format(date) : LONG_DATE.format(date);
}

export function absoluteTime(iso: string): string {
  return ABSOLUTE.format(new Date(iso));
}

export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const absolute = ABSOLUTE.format(date);
  return (
    <time dateTime={date.toISOString()} title={absolute} aria-label={absolute}>
      {formatRelative(date, now)}
    </time>
  );
}
