/** People: find someone and set their department, title, manager and role. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminUpdateAccount, directory, listDepartments } from '../../api/accounts.js';
import { errorMessage } from '../../api/client.js';
import { keys } from '../../api/keys.js';
import type { Account, Department, UserRole } from '../../api/types.js';
import { Avatar } from '../../components/Avatar.js';
import { useDebounced } from '../../hooks/useDebounced.js';
import { announce } from '../../hooks/live-store.js';

function PersonRow({ account, departments, people }: { account: Account; departments: Department[]; people: Account[] }) {
  const queryClient = useQueryClient();
  const [department, setDepartment] = useState(account.roost?.department?.id ?? '');
  const [title, setTitle] = useState(account.roost?.title ?? '');
  const [manager, setManager] = useState(account.roost?.manager?.id ?? '');
  const [role, setRole] = useState<UserRole | ''>('');
  const save = useMutation({
    mutationFn: () =>
      adminUpdateAccount(account.id, {
        department_id: department || null,
        title,
        manager_id: manager || null,
        ...(role ? { role } : {}),
      }),
    onSuccess: () => {
      announce(`Saved ${account.display_name || account.username}`);
      void queryClient.invalidateQueries({ queryKey: ['directory'] });
      void queryClient.invalidateQueries({ queryKey: keys.departments });
      void queryClient.invalidateQueries({ queryKey: ['account'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const label = account.display_name || account.username;
  return (
    <form className="person-row" onSubmit={submit} aria-label={`Edit ${label}`}>
      <div className="person-row-who">
        <Avatar account={account} size={36} />
        <span>
          <strong>{label}</strong>
          <span className="muted"> @{account.acct}</span>
        </span>
      </div>
      <select aria-label={`Department of ${label}`} value={department} onChange={(e) => setDepartment(e.target.value)}>
        <option value="">No department</option>
        {departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <input aria-label={`Title of ${label}`} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Title" />
      <select aria-label={`Manager of ${label}`} value={manager} onChange={(e) => setManager(e.target.value)}>
        <option value="">No manager</option>
        {people
          .filter((p) => p.id !== account.id)
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.display_name || p.username}
            </option>
          ))}
      </select>
      <select aria-label={`Role of ${label}`} value={role} onChange={(e) => setRole(e.target.value as UserRole | '')}>
        <option value="">Keep role</option>
        <option value="member">Member</option>
        <option value="moderator">Moderator</option>
        <option value="admin">Administrator</option>
      </select>
      <button type="submit" className="button button-small" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : save.isSuccess ? 'Saved' : 'Save'}
      </button>
      {save.isError && (
        <p className="form-error person-row-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
    </form>
  );
}

export function PeopleSection() {
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim());
  const departments = useQuery({ queryKey: keys.departments, queryFn: listDepartments });
  const people = useQuery({ queryKey: keys.directory(settled, 'admin'), queryFn: () => directory({ q: settled, limit: 40 }) });
  const everyone = useQuery({ queryKey: keys.directory('', ''), queryFn: () => directory({ limit: 60 }) });
  return (
    <section className="card" aria-labelledby="people-admin-title">
      <h2 id="people-admin-title">People</h2>
      <div className="field">
        <label htmlFor="people-q">Find a person</label>
        <input id="people-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, username or title" />
      </div>
      {people.isError && (
        <p className="form-error" role="alert">
          {errorMessage(people.error)}
        </p>
      )}
      <div className="people-admin-list">
        {people.data?.map((account) => (
          <PersonRow key={account.id} account={account} departments={departments.data ?? []} people={everyone.data ?? []} />
        ))}
      </div>
    </section>
  );
}
