/** Brand settings: members and their roles (owners and admins change them; a brand keeps an owner). */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lookupAccount } from '../api/accounts.js';
import {
  BRAND_ROLES,
  brandKeys,
  listMembers,
  setMemberRoles,
  type Brand,
  type BrandMember,
  type BrandRole,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { Avatar } from '../components/Avatar.js';
import { ROLE_HINT, ROLE_LABEL } from '../components/BrandBadges.js';
import { Icon } from '../components/Icon.js';
import { ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';
import { Link, profilePath } from '../router.js';

function MemberRow({ brand, member }: { brand: Brand; member: BrandMember }) {
  const queryClient = useQueryClient();
  const name = member.account ? member.account.display_name || member.account.username : member.account_id;
  const save = useMutation({
    mutationFn: (roles: BrandRole[]) => setMemberRoles(brand.id, member.account_id, roles),
    onSuccess: (_, roles) => {
      void queryClient.invalidateQueries({ queryKey: brandKeys.members(brand.id) });
      void queryClient.invalidateQueries({ queryKey: brandKeys.brand(brand.id) });
      announce(roles.length === 0 ? `${name} removed` : `Roles of ${name} saved`);
    },
  });
  const editable = brand.can.manage_members;
  function toggle(role: BrandRole, on: boolean) {
    const next = on ? [...member.roles, role] : member.roles.filter((r) => r !== role);
    save.mutate(BRAND_ROLES.filter((r) => next.includes(r)));
  }
  return (
    <li className="member-row" data-member={member.account?.username}>
      {member.account ? (
        <Link to={profilePath(member.account.acct)} className="member-who">
          <Avatar account={member.account} size={32} />
          <span className="member-name">
            <strong>{name}</strong>
            <span className="muted">@{member.account.username}</span>
          </span>
        </Link>
      ) : (
        <span className="member-who">{name}</span>
      )}
      <div className="member-roles" role="group" aria-label={`Roles of ${name}`}>
        {BRAND_ROLES.map((role) => (
          <label key={role} className={`role-toggle${member.roles.includes(role) ? ' role-toggle-on' : ''}`}>
            <input
              type="checkbox"
              aria-label={`${name}: ${ROLE_LABEL[role]}`}
              checked={member.roles.includes(role)}
              disabled={!editable || save.isPending}
              onChange={(e) => toggle(role, e.target.checked)}
            />
            {ROLE_LABEL[role]}
          </label>
        ))}
      </div>
      {editable && (
        <button
          type="button"
          className="icon-button"
          onClick={() => save.mutate([])}
          disabled={save.isPending}
          aria-label={`Remove ${name}`}
          title="Remove from the brand"
        >
          <Icon name="trash" />
        </button>
      )}
      {save.isError && (
        <p className="form-error member-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
    </li>
  );
}

function AddMember({ brand }: { brand: Brand }) {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<BrandRole>('contributor');
  const add = useMutation({
    mutationFn: async () => {
      const account = await lookupAccount(username.trim().replace(/^@/, ''));
      return setMemberRoles(brand.id, account.id, [role]);
    },
    onSuccess: () => {
      setUsername('');
      void queryClient.invalidateQueries({ queryKey: brandKeys.members(brand.id) });
      announce('Member added');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (username.trim()) add.mutate();
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="field grow">
        <label htmlFor="member-username">Add a person</label>
        <div className="input-prefix">
          <span>@</span>
          <input
            id="member-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            placeholder="username"
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="member-role">as</label>
        <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as BrandRole)}>
          {BRAND_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={add.isPending || !username.trim()}>
        {add.isPending ? 'Adding…' : 'Add'}
      </button>
      {add.isError && (
        <p className="form-error" role="alert">
          {errorMessage(add.error)}
        </p>
      )}
    </form>
  );
}

export function BrandMembersSection({ brand }: { brand: Brand }) {
  const members = useQuery({ queryKey: brandKeys.members(brand.id), queryFn: () => listMembers(brand.id) });
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members and roles</h2>
      <p className="field-hint brand-role-hints">
        {BRAND_ROLES.map((r) => (
          <span key={r}>
            <strong>{ROLE_LABEL[r]}</strong> {ROLE_HINT[r]}
          </span>
        ))}
      </p>
      {members.isPending && <Spinner label="Loading members" />}
      {members.isError && <ErrorState error={members.error} />}
      {members.data && (
        <ul className="member-list">
          {members.data.map((m) => (
            <MemberRow key={m.account_id} brand={brand} member={m} />
          ))}
        </ul>
      )}
      {brand.can.manage_members && (
        <>
          <h3>Add someone</h3>
          <AddMember brand={brand} />
        </>
      )}
    </section>
  );
}
