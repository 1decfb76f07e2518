/** Departments: the list with member counts, and a form to add one. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createDepartment, listDepartments } from '../../api/accounts.js';
import { errorMessage } from '../../api/client.js';
import { keys } from '../../api/keys.js';
import { ErrorState, Spinner } from '../../components/States.js';
import { Link } from '../../router.js';

export function DepartmentsSection() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const departments = useQuery({ queryKey: keys.departments, queryFn: listDepartments });
  const create = useMutation({
    mutationFn: () => createDepartment(name.trim()),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.departments });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }
  return (
    <section className="card" aria-labelledby="departments-admin-title">
      <h2 id="departments-admin-title">Departments</h2>
      <form className="inline-form" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="department-name">New department</label>
          <input id="department-name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="e.g. Customer Success" maxLength={80} />
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Add department
        </button>
      </form>
      {create.isError && (
        <p className="form-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      {departments.isPending && <Spinner label="Loading departments" />}
      {departments.isError && <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />}
      {departments.data && (
        <ul className="chip-list">
          {departments.data.map((d) => (
            <li key={d.id}>
              <Link to={`/directory?department=${d.id}`} className="chip">
                {d.name}
                {d.member_count !== undefined && <span className="tab-count">{d.member_count}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
