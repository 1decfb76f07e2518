/** A new password typed twice, with the mismatch shown before the server is asked. */
import { useId } from 'react';

export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  label = 'New password',
}: {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  label?: string;
}) {
  const id = useId();
  const mismatch = confirm.length > 0 && confirm !== password;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-new`}>{label}</label>
        <input id={`${id}-new`} type="password" autoComplete="new-password" value={password} onChange={(e) => onPassword(e.target.value)} required minLength={8} />
        <p className="field-hint">At least 8 characters. A short sentence is easy to remember and hard to guess.</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>Confirm password</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => onConfirm(e.target.value)}
          required
          aria-invalid={mismatch || undefined}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
        />
        {mismatch && (
          <p className="field-error" id={`${id}-mismatch`}>
            The passwords do not match.
          </p>
        )}
      </div>
    </>
  );
}
