/**
 * A dialog that asks for a written reason before a governance action (reject, pause, resume,
 * retract, break glass); the server's refusal is shown in place and the text is kept.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from './Dialog.js';

export function ReasonDialog({
  title,
  intro,
  label,
  confirmLabel,
  danger,
  optional,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  intro?: ReactNode;
  label: string;
  confirmLabel: string;
  danger?: boolean;
  /** The reason may be left empty. */
  optional?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const ready = optional || reason.trim().length > 0;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (ready && !busy) onConfirm(reason.trim());
  }
  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="form" onSubmit={submit}>
        {intro && <div className="dialog-intro">{intro}</div>}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{label}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required={!optional}
            autoFocus
            maxLength={2000}
          />
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
          <button
            type="submit"
            className={`button ${danger ? 'button-danger' : 'button-primary'}`}
            disabled={!ready || busy}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
