/** Settings: your profile (name, bio, title, picture with a preview), your password and two-factor sign-in. */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateCredentials } from '../api/accounts.js';
import { changePassword } from '../api/auth.js';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import { Avatar } from '../components/Avatar.js';
import { PageHeader } from '../components/PageHeader.js';
import { plainText } from '../components/plain-text.js';
import { announce } from '../hooks/live-store.js';
import { useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { NewPasswordFields } from './NewPasswordFields.js';
import { TwoFactorSettings } from './TwoFactorSettings.js';

function ProfileForm() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(me.display_name);
  const [note, setNote] = useState(me.source?.note ?? plainText(me.note));
  const [title, setTitle] = useState(me.roost?.title ?? '');
  const [avatar, setAvatar] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (!avatar) return setPreview(null);
    const url = URL.createObjectURL(avatar);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [avatar]);

  const save = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('display_name', displayName);
      form.set('note', note);
      form.set('title', title);
      if (avatar) form.set('avatar', avatar);
      return updateCredentials(form);
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(keys.session, fresh);
      void queryClient.invalidateQueries({ queryKey: keys.account(fresh.username) });
      setAvatar(null);
      announce('Profile saved');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="form card" onSubmit={submit} aria-labelledby="profile-settings-title">
      <h2 id="profile-settings-title">Profile</h2>
      <div className="avatar-field">
        {preview ? <img className="avatar" src={preview} alt="New profile picture preview" width={80} height={80} /> : <Avatar account={me} size={80} />}
        <div className="field">
          <label htmlFor="settings-avatar">Profile picture</label>
          <input id="settings-avatar" type="file" accept="image/png,image/jpeg,image/webp,image/gif" onChange={(e) => setAvatar(e.target.files?.[0] ?? null)} />
          <p className="field-hint">PNG, JPEG, WebP or GIF. It is cropped to a square.</p>
        </div>
      </div>
      <div className="field">
        <label htmlFor="settings-display-name">Display name</label>
        <input id="settings-display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={60} />
      </div>
      <div className="field">
        <label htmlFor="settings-title">Job title</label>
        <input id="settings-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} placeholder="e.g. Product designer" />
      </div>
      <div className="field">
        <label htmlFor="settings-note">Bio</label>
        <textarea id="settings-note" value={note} onChange={(e) => setNote(e.target.value)} rows={4} maxLength={500} placeholder="What you work on, what you can help with" />
      </div>
      {me.roost?.department && (
        <p className="field-hint">
          Department: <strong>{me.roost.department.name}</strong> (set by an administrator)
        </p>
      )}
      {save.isError && (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      {save.isSuccess && !save.isPending && (
        <p className="form-success" role="status">
          Your profile is saved.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}

function PasswordForm() {
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const save = useMutation({
    mutationFn: () => changePassword(password, current),
    onSuccess: () => {
      setCurrent('');
      setPassword('');
      setConfirm('');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (password === confirm) save.mutate();
  }
  return (
    <form className="form card" onSubmit={submit} aria-labelledby="password-settings-title">
      <h2 id="password-settings-title">Password</h2>
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <div className="field">
        <label htmlFor="settings-current-password">Current password</label>
        <input id="settings-current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </div>
      <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
      {save.isError && (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      {save.isSuccess && (
        <p className="form-success" role="status">
          Password changed. Your other sessions were signed out.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending || password !== confirm}>
          {save.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  useTitle('Settings');
  return (
    <>
      <PageHeader title="Settings" />
      <div className="settings">
        <ProfileForm />
        <PasswordForm />
        <TwoFactorSettings />
      </div>
    </>
  );
}
