/**
 * Scheduling an approved draft: a date and time in the viewer's time zone. Nothing leaves before
 * the brand's undo window has passed, whatever time is chosen; the dialog says so.
 */
import { useState, type FormEvent } from 'react';
import { Dialog } from './Dialog.js';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DDTHH:mm` in local time, as <input type="datetime-local"> wants it. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function nextHour(): Date {
  const date = new Date(Date.now() + 60 * 60_000);
  date.setMinutes(0, 0, 0);
  return date;
}

export function ScheduleDialog({
  undoWindowSeconds,
  busy,
  error,
  onSchedule,
  onCancel,
}: {
  undoWindowSeconds: number;
  busy: boolean;
  error: string | null;
  onSchedule: (iso: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(() => toLocalInput(nextHour()));
  const at = new Date(value);
  const valid = value !== '' && !Number.isNaN(at.getTime());
  function submit(event: FormEvent) {
    event.preventDefault();
    if (valid && !busy) onSchedule(at.toISOString());
  }
  return (
    <Dialog title="Schedule this post" onClose={onCancel}>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="schedule-at">Publish at</label>
          <input
            id="schedule-at"
            type="datetime-local"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
          />
          <p className="field-hint">
            Your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}). It never leaves sooner than
            the undo window of {undoWindowSeconds} seconds from now, and it waits while publishing is paused.
          </p>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!valid || busy}>
            {busy ? 'Scheduling…' : 'Schedule'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
