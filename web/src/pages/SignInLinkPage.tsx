/**
 * A one-time sign-in link (the first administrator's): consumes the token once, then asks for a
 * password so that the next sign-in needs no link.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changePassword, consumeSignInLink } from '../api/auth.js';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import type { CredentialAccount } from '../api/types.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, navigate } from '../router.js';
import { Spinner } from '../components/States.js';
import { AuthLayout } from './AuthLayout.js';
import { NewPasswordFields } from './NewPasswordFields.js';

// A token works once; React may mount the page twice in development.
const consumed = new Map<string, Promise<{ account: CredentialAccount }>>();

export function SignInLinkPage({ token }: { token: string }) {
  useTitle('Welcome');
  const queryClient = useQueryClient();
  const [account, setAccount] = useState<CredentialAccount | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  useEffect(() => {
    let promise = consumed.get(token);
    if (!promise) {
      promise = consumeSignInLink(token);
      consumed.set(token, promise);
    }
    promise.then(
      (result) => {
        setAccount(result.account);
        void queryClient.cancelQueries({ queryKey: keys.session });
        queryClient.setQueryData(keys.session, result.account);
      },
      (error: unknown) => setLinkError(errorMessage(error)),
    );
  }, [token, queryClient]);

  const save = useMutation({
    mutationFn: () => changePassword(password),
    onSuccess: () => navigate('/', { replace: true }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password === confirm) save.mutate();
  }

  if (linkError) {
    return (
      <AuthLayout title="This link cannot be used">
        <p className="form-error" role="alert">
          {linkError}
        </p>
        <p className="auth-note">
          Sign-in links work once and expire. <Link to="/sign-in">Go to sign-in</Link>
        </p>
      </AuthLayout>
    );
  }
  if (!account) {
    return (
      <AuthLayout title="Signing you in…">
        <Spinner label="Checking your link" />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={`Welcome, ${account.display_name || account.username}`} intro="Choose a password for your next sign-in.">
      <form className="form" onSubmit={submit}>
        <input type="text" name="username" autoComplete="username" value={account.username} readOnly hidden />
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
        {save.isError && (
          <p className="form-error" role="alert">
            {errorMessage(save.error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={save.isPending || password !== confirm}>
          {save.isPending ? 'Saving…' : 'Set password and continue'}
        </button>
      </form>
      <p className="auth-note">
        <Link to="/">Skip for now</Link>
      </p>
    </AuthLayout>
  );
}
