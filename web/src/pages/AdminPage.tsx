/** Administration: invite people (and copy the link), see invitations, manage departments and people. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createInvite, listInvites } from '../api/auth.js';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import type { Invite, UserRole } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorState, Spinner } from '../components/States.js';
import { isAdmin, useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { DepartmentsSection } from './admin/DepartmentsSection.js';
import { PeopleSection } from './admin/PeopleSection.js';
import { NotFoundPage } from './NotFoundPage.js';

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : DATE.format(date);
}

function CopyLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure context): the field below is selectable instead.
    }
  }
  return (
    <div className="copy-link">
      <input readOnly value={url} aria-label="Invitation link" onFocus={(e) => e.target.select()} data-testid="invite-url" />
      <button type="button" className="button" onClick={() => void copy()}>
        <Icon name={copied ? 'check' : 'copy'} />
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

function InviteState({ invite }: { invite: Invite }) {
  const state = invite.state ?? (invite.used_at ? 'used' : new Date(invite.expires_at).getTime() < Date.now() ? 'expired' : 'pending');
  if (state === 'used') return <span className="pill pill-ok">Accepted</span>;
  if (state === 'expired') return <span className="pill">Expired</span>;
  return <span className="pill pill-pending">Pending</span>;
}

function InviteSection() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('member');
  const [created, setCreated] = useState<Invite | null>(null);
  const invites = useQuery({ queryKey: keys.invites, queryFn: listInvites });
  const create = useMutation({
    mutationFn: () => createInvite(email.trim(), role),
    onSuccess: (invite) => {
      setCreated(invite);
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: keys.invites });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite people</h2>
      <form className="inline-form" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="invite-email">Work email</label>
          <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required placeholder="name@example.com" />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            <option value="member">Member</option>
            <option value="moderator">Moderator</option>
            <option value="admin">Administrator</option>
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create invitation'}
        </button>
      </form>
      {create.isError && (
        <p className="form-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      {created?.url && (
        <div className="invite-created" role="status">
          <p>
            Invitation for <strong>{created.email}</strong> created. Send them this link (it works once, until {formatWhen(created.expires_at)}):
          </p>
          <CopyLink url={created.url} />
        </div>
      )}
      <h3>Invitations</h3>
      {invites.isPending && <Spinner label="Loading invitations" />}
      {invites.isError && <ErrorState error={invites.error} onRetry={() => void invites.refetch()} />}
      {invites.data && invites.data.length === 0 && <p className="muted">No invitations yet.</p>}
      {invites.data && invites.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {invites.data.map((invite) => (
                <tr key={invite.id}>
                  <td>{invite.email}</td>
                  <td>{invite.role}</td>
                  <td>{formatWhen(invite.expires_at)}</td>
                  <td>
                    <InviteState invite={invite} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function AdminPage() {
  useTitle('Admin');
  const me = useMe();
  if (!isAdmin(me)) return <NotFoundPage />;
  return (
    <>
      <PageHeader title="Admin" subtitle="People, invitations and departments" />
      <div className="settings">
        <InviteSection />
        <DepartmentsSection />
        <PeopleSection />
      </div>
    </>
  );
}
