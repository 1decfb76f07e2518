/**
 * Sign in with a username or email and a password; the server's error is shown as it says it.
 * With two-factor sign-in on, the server answers `otp_required` and the form asks for the code.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signIn } from '../api/auth.js';
import { ApiError, errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import { useTitle } from '../hooks/useTitle.js';
import { navigate, useLocation } from '../router.js';
import { AuthLayout } from './AuthLayout.js';

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  useTitle('Sign in');
  const queryClient = useQueryClient();
  const { search } = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const mutation = useMutation({
    mutationFn: () => signIn(login.trim(), password, needsCode ? otp.replace(/\s+/g, '') : undefined),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'otp_required') setNeedsCode(true);
    },
    onSuccess: ({ account }) => {
      queryClient.setQueryData(keys.session, account);
      navigate(safeNext(search.get('next')), { replace: true });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }

  return (
    <AuthLayout title="Sign in" intro="Welcome back. Sign in with your work username or email.">
      <form className="form" onSubmit={submit} aria-describedby={mutation.isError ? 'sign-in-error' : undefined}>
        <div className="field">
          <label htmlFor="login">Username or email</label>
          <input id="login" name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {needsCode && (
          <div className="field">
            <label htmlFor="otp">Two-factor code</label>
            <input
              id="otp"
              name="otp"
              autoComplete="one-time-code"
              inputMode="numeric"
              value={otp}
              onChange={(e) => setOtp(e.target.value)}
              required
              autoFocus
              aria-describedby="otp-hint"
            />
            <p className="field-hint" id="otp-hint">
              The six-digit code from your authenticator app, or one of your recovery codes.
            </p>
          </div>
        )}
        {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.code === 'otp_required') && (
          <p className="form-error" role="alert" id="sign-in-error">
            {errorMessage(mutation.error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={mutation.isPending}>
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-note">New here? Ask an administrator for an invitation.</p>
    </AuthLayout>
  );
}
