/**
 * The brand calendar: scheduled and published posts by day, as a month grid or a week, for one
 * brand or for every brand the viewer works with (administrators: every brand). Each entry
 * carries its brand's colour and links to the draft.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { brandCalendar, brandKeys, listBrands, type CalendarEntry } from '../api/brands.js';
import { brandStyle, stateLabel } from '../components/BrandBadges.js';
import { BrandHeader, useBrand } from '../components/BrandHeader.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorState, Spinner } from '../components/States.js';
import { Tabs } from '../components/Tabs.js';
import { isAdmin, useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link } from '../router.js';

type View = 'month' | 'week';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const TIME = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Weeks start on Monday. */
function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  const offset = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - offset);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** The days shown: six weeks around the month, or one week. */
function visibleDays(view: View, anchor: Date): Date[] {
  const first =
    view === 'month'
      ? startOfWeek(new Date(anchor.getFullYear(), anchor.getMonth(), 1))
      : startOfWeek(anchor);
  const count = view === 'month' ? 42 : 7;
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

async function loadEntries(
  brandId: string | null,
  all: boolean,
  from: Date,
  to: Date,
): Promise<CalendarEntry[]> {
  if (brandId || all) return brandCalendar(brandId, from, to);
  const brands = await listBrands(false);
  const lists = await Promise.all(brands.map((b) => brandCalendar(b.id, from, to)));
  return lists.flat().sort((a, b) => a.at.localeCompare(b.at));
}

function Entry({ entry, showTime }: { entry: CalendarEntry; showTime?: boolean }) {
  return (
    <li>
      <Link
        to={`/brands/${entry.brand.id}/drafts/${entry.draft_id}`}
        className={`calendar-entry calendar-entry-${entry.state}`}
        style={brandStyle(entry.brand.colour)}
        title={`${stateLabel(entry.state)} · @${entry.brand.username} · ${entry.text}`}
        data-draft-id={entry.draft_id}
      >
        {showTime !== false && <span className="calendar-entry-time">{TIME.format(new Date(entry.at))}</span>}
        <Icon name={entry.state === 'published' ? 'check' : 'clock'} />
        <span className="calendar-entry-text">
          <strong>@{entry.brand.username}</strong> {entry.text}
        </span>
      </Link>
    </li>
  );
}

function CalendarView({ brandId }: { brandId: string | null }) {
  const me = useMe();
  const [view, setView] = useState<View>('month');
  const [anchor, setAnchor] = useState(() => startOfDay(new Date()));
  const days = visibleDays(view, anchor);
  const from = days[0]!;
  const to = addDays(days[days.length - 1]!, 1);
  const all = !brandId && isAdmin(me);
  const entries = useQuery({
    queryKey: brandKeys.calendar(brandId ?? (all ? 'all' : 'mine'), from.toISOString(), to.toISOString()),
    queryFn: () => loadEntries(brandId, all, from, to),
  });
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries.data ?? []) {
    const key = dayKey(new Date(entry.at));
    byDay.set(key, [...(byDay.get(key) ?? []), entry]);
  }
  const today = dayKey(new Date());
  const step = (direction: number) =>
    setAnchor((a) =>
      view === 'month' ? new Date(a.getFullYear(), a.getMonth() + direction, 1) : addDays(a, 7 * direction),
    );
  const title =
    view === 'month' ? MONTH.format(anchor) : `${DAY.format(from)} – ${DAY.format(addDays(to, -1))}`;

  return (
    <div className="calendar" data-view={view}>
      <Tabs<View>
        tabs={[
          { id: 'month', label: 'Month' },
          { id: 'week', label: 'Week' },
        ]}
        current={view}
        onChange={setView}
        label="Calendar view"
        idPrefix="calendar"
      />
      <div
        className="calendar-toolbar"
        id="calendar-panel"
        role="tabpanel"
        aria-labelledby={`calendar-tab-${view}`}
      >
        <button
          type="button"
          className="icon-button"
          aria-label={view === 'month' ? 'Previous month' : 'Previous week'}
          onClick={() => step(-1)}
        >
          <Icon name="arrowLeft" />
        </button>
        <h2 className="calendar-title" aria-live="polite">
          {title}
        </h2>
        <button
          type="button"
          className="icon-button calendar-next"
          aria-label={view === 'month' ? 'Next month' : 'Next week'}
          onClick={() => step(1)}
        >
          <Icon name="arrowLeft" />
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => setAnchor(startOfDay(new Date()))}
        >
          Today
        </button>
        <span className="calendar-legend muted">
          <Icon name="clock" /> scheduled <Icon name="check" /> published
        </span>
      </div>
      {entries.isError && <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.isPending && <Spinner label="Loading the calendar" />}
      {view === 'month' ? (
        <div className="calendar-grid" role="grid" aria-label={title}>
          <div className="calendar-row calendar-weekdays" role="row">
            {WEEKDAYS.map((d) => (
              <span key={d} role="columnheader">
                {d}
              </span>
            ))}
          </div>
          {Array.from({ length: 6 }, (_, week) => (
            <div className="calendar-row" role="row" key={week}>
              {days.slice(week * 7, week * 7 + 7).map((day) => {
                const key = dayKey(day);
                const list = byDay.get(key) ?? [];
                const outside = day.getMonth() !== anchor.getMonth();
                return (
                  <div
                    key={key}
                    role="gridcell"
                    className={`calendar-day${outside ? ' calendar-day-outside' : ''}${key === today ? ' calendar-day-today' : ''}`}
                    aria-label={DAY.format(day)}
                  >
                    <span className="calendar-day-number">{day.getDate()}</span>
                    {list.length > 0 && (
                      <ul className="calendar-entries">
                        {list.slice(0, 3).map((entry) => (
                          <Entry key={entry.draft_id} entry={entry} />
                        ))}
                        {list.length > 3 && <li className="muted calendar-more">+{list.length - 3} more</li>}
                      </ul>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      ) : (
        <ol className="calendar-week">
          {days.map((day) => {
            const key = dayKey(day);
            const list = byDay.get(key) ?? [];
            return (
              <li key={key} className={`calendar-week-day${key === today ? ' calendar-day-today' : ''}`}>
                <h3>{DAY.format(day)}</h3>
                {list.length === 0 ? (
                  <p className="muted">Nothing scheduled</p>
                ) : (
                  <ul className="calendar-entries">
                    {list.map((entry) => (
                      <Entry key={entry.draft_id} entry={entry} />
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

export function BrandCalendarPage({ brandId }: { brandId?: string }) {
  const brand = useBrand(brandId ?? '');
  useTitle(brandId && brand.data ? `Calendar · @${brand.data.username}` : 'Brand calendar');
  if (brandId) {
    if (brand.isError) return <ErrorState error={brand.error} />;
    if (!brand.data) return <Spinner label="Loading brand" />;
    return (
      <>
        <PageHeader title={`@${brand.data.username}`} subtitle="Calendar" back />
        <BrandHeader brand={brand.data} />
        <CalendarView brandId={brandId} />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Brand calendar" subtitle="Scheduled and published brand posts" back />
      <CalendarView brandId={null} />
    </>
  );
}
