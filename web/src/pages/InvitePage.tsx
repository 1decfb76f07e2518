/** Accepting an invitation: choose a username, a display name and a password; signed in afterwards. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { acceptInvite, getInvite } from '../api/auth.js';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import { Spinner } from '../components/States.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, navigate } from '../router.js';
import { AuthLayout } from './AuthLayout.js';
import { NewPasswordFields } from './NewPasswordFields.js';

export function InvitePage({ token }: { token: string }) {
  useTitle('Join Roost');
  const queryClient = useQueryClient();
  const invite = useQuery({ queryKey: ['invite', token], queryFn: () => getInvite(token), retry: false });
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const accept = useMutation({
    mutationFn: () => acceptInvite(token, { username: username.trim(), display_name: displayName.trim(), password }),
    onSuccess: ({ account }) => {
      queryClient.setQueryData(keys.session, account);
      navigate('/', { replace: true });
    },
  });

  if (invite.isPending) {
    return (
      <AuthLayout title="Join Roost">
        <Spinner label="Checking your invitation" />
      </AuthLayout>
    );
  }
  if (invite.isError) {
    return (
      <AuthLayout title="This invitation cannot be used">
        <p className="form-error" role="alert">
          {errorMessage(invite.error)}
        </p>
        <p className="auth-note">
          Invitations work once and expire. Ask the person who invited you for a new one, or <Link to="/sign-in">sign in</Link>.
        </p>
      </AuthLayout>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password === confirm) accept.mutate();
  }

  return (
    <AuthLayout title="Join Roost" intro={<>You were invited as <strong>{invite.data.email}</strong>. Set up your account.</>}>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="invite-username">Username</label>
          <div className="input-prefix">
            <span aria-hidden="true">@</span>
            <input
              id="invite-username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
              pattern="[A-Za-z0-9_]+"
              maxLength={30}
              autoFocus
            />
          </div>
          <p className="field-hint">Letters, digits and underscores. People mention you with it.</p>
        </div>
        <div className="field">
          <label htmlFor="invite-display-name">Display name</label>
          <input id="invite-display-name" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={60} />
        </div>
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} label="Password" />
        {accept.isError && (
          <p className="form-error" role="alert">
            {errorMessage(accept.error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={accept.isPending || password !== confirm}>
          {accept.isPending ? 'Creating your account…' : 'Join'}
        </button>
      </form>
    </AuthLayout>
  );
}
