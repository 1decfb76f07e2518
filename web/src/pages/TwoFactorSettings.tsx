/**
 * Two-factor sign-in in Settings: enrol by typing the secret (in groups of four) or opening the
 * otpauth link in an authenticator app, confirm with its first code, see the recovery codes once;
 * turn it off with a current code or a recovery code. Brands that publish publicly require it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  brandKeys,
  twoFactorConfirm,
  twoFactorDisable,
  twoFactorSetup,
  twoFactorStatus,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { Icon } from '../components/Icon.js';
import { ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';

/** `JBSW Y3DP EHPK 3PXP`: easier to type from a screen. */
export function groupsOfFour(secret: string): string {
  return secret
    .replace(/\s+/g, '')
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      <Icon name={copied ? 'check' : 'copy'} />
      {copied ? 'Copied' : label}
    </button>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="recovery-codes" role="status">
      <p>
        <strong>Two-factor sign-in is on.</strong> Keep these recovery codes somewhere safe: each signs you in
        once if you lose your authenticator. They are shown only now.
      </p>
      <ol className="recovery-code-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <CopyButton text={codes.join('\n')} label="Copy codes" />
        <button type="button" className="button button-primary button-small" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </div>
  );
}

function Enrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const setup = useMutation({ mutationFn: twoFactorSetup });
  const confirm = useMutation({
    mutationFn: () => twoFactorConfirm(code.replace(/\s+/g, '')),
    onSuccess: (result) => {
      setCode('');
      onEnabled(result.recovery_codes);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim()) confirm.mutate();
  }
  if (!setup.data) {
    return (
      <>
        <p>
          Sign-in then asks for a six-digit code from an authenticator app (any TOTP app) after your password.
        </p>
        {setup.isError && (
          <p className="form-error" role="alert">
            {errorMessage(setup.error)}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => setup.mutate()}
            disabled={setup.isPending}
          >
            {setup.isPending ? 'Preparing…' : 'Set up two-factor sign-in'}
          </button>
        </div>
      </>
    );
  }
  const { secret, uri } = setup.data;
  return (
    <form className="form" onSubmit={submit}>
      <ol className="enrol-steps">
        <li>
          <p>
            In your authenticator app, add an account and type this key (or open the link on a device that has
            the app):
          </p>
          <p
            className="totp-secret"
            data-testid="totp-secret"
            aria-label={`Secret key ${groupsOfFour(secret)}`}
          >
            {groupsOfFour(secret)}
          </p>
          <div className="copy-link">
            <input
              readOnly
              value={uri}
              aria-label="otpauth link"
              data-testid="otpauth-uri"
              onFocus={(e) => e.target.select()}
            />
            <CopyButton text={secret} label="Copy key" />
          </div>
          <p className="field-hint">
            Time-based, six digits, every 30 seconds. <a href={uri}>Open in an authenticator app</a>
          </p>
        </li>
        <li>
          <div className="field">
            <label htmlFor="two-factor-code">Then enter the code it shows</label>
            <input
              id="two-factor-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={8}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
            />
          </div>
        </li>
      </ol>
      {confirm.isError && (
        <p className="form-error" role="alert">
          {errorMessage(confirm.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={confirm.isPending}>
          {confirm.isPending ? 'Checking…' : 'Turn on two-factor sign-in'}
        </button>
      </div>
    </form>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const [proof, setProof] = useState('');
  const disable = useMutation({
    mutationFn: () => {
      const value = proof.trim();
      return twoFactorDisable(
        /^\d[\d ]{5,7}$/.test(value) ? { code: value.replace(/\s+/g, '') } : { recovery_code: value },
      );
    },
    onSuccess: () => {
      setProof('');
      onDisabled();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (proof.trim()) disable.mutate();
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="field grow">
        <label htmlFor="two-factor-disable">Code from your app, or a recovery code</label>
        <input
          id="two-factor-disable"
          autoComplete="one-time-code"
          value={proof}
          onChange={(e) => setProof(e.target.value)}
        />
      </div>
      <button type="submit" className="button button-danger" disabled={disable.isPending || !proof.trim()}>
        {disable.isPending ? 'Turning off…' : 'Turn off'}
      </button>
      {disable.isError && (
        <p className="form-error" role="alert">
          {errorMessage(disable.error)}
        </p>
      )}
    </form>
  );
}

export function TwoFactorSettings() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: brandKeys.twoFactor, queryFn: twoFactorStatus });
  const [codes, setCodes] = useState<string[] | null>(null);
  // Brand pages link here (/settings#two-factor) when a public brand needs it.
  useEffect(() => {
    if (window.location.hash === '#two-factor')
      document.getElementById('two-factor')?.scrollIntoView({ block: 'start' });
  }, []);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: brandKeys.twoFactor });
    void queryClient.invalidateQueries({ queryKey: brandKeys.all });
  };
  return (
    <section className="card" id="two-factor" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">
        Two-factor sign-in{' '}
        {status.data?.enabled && (
          <span className="pill pill-ok" data-testid="two-factor-on">
            On
          </span>
        )}
      </h2>
      {status.isPending && <Spinner label="Loading two-factor sign-in" />}
      {status.isError && <ErrorState error={status.error} />}
      {codes && (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
          }}
        />
      )}
      {status.data && !status.data.enabled && !codes && (
        <Enrolment
          onEnabled={(recovery) => {
            setCodes(recovery);
            announce('Two-factor sign-in is on');
            refresh();
          }}
        />
      )}
      {status.data?.enabled && !codes && (
        <>
          <p>
            Sign-in asks for a code from your authenticator app. {status.data.recovery_codes_left} recovery
            code
            {status.data.recovery_codes_left === 1 ? '' : 's'} left.
          </p>
          <h3>Turn it off</h3>
          <DisableForm
            onDisabled={() => {
              announce('Two-factor sign-in is off');
              refresh();
            }}
          />
        </>
      )}
    </section>
  );
}
