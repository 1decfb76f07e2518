/** The people directory: search by name, username or title, filter by department. */
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { directory, listDepartments } from '../api/accounts.js';
import { keys } from '../api/keys.js';
import { AccountCard } from '../components/AccountCard.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useTitle } from '../hooks/useTitle.js';
import { navigate, useLocation } from '../router.js';

export function DirectoryPage() {
  useTitle('Directory');
  const { search } = useLocation();
  const department = search.get('department') ?? '';
  const [q, setQ] = useState(search.get('q') ?? '');
  const settled = useDebounced(q.trim());
  const departments = useQuery({ queryKey: keys.departments, queryFn: listDepartments, staleTime: 5 * 60_000 });
  const people = useQuery({
    queryKey: keys.directory(settled, department),
    queryFn: () => directory({ q: settled, department_id: department, limit: 60 }),
    placeholderData: keepPreviousData,
  });

  // Keep the URL shareable: `/directory?q=…&department=…`.
  useEffect(() => {
    const params = new URLSearchParams();
    if (settled) params.set('q', settled);
    if (department) params.set('department', department);
    const next = `/directory${params.size ? `?${params}` : ''}`;
    navigate(next, { replace: true, keepScroll: true });
  }, [settled, department]);

  function chooseDepartment(id: string) {
    const params = new URLSearchParams();
    if (settled) params.set('q', settled);
    if (id) params.set('department', id);
    navigate(`/directory${params.size ? `?${params}` : ''}`, { replace: true, keepScroll: true });
  }

  return (
    <>
      <PageHeader title="Directory" subtitle="Find the people you work with" />
      <div className="directory-filters" role="search">
        <div className="search-box">
          <Icon name="search" />
          <label htmlFor="directory-q" className="visually-hidden">
            Search people
          </label>
          <input id="directory-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, username or title" />
        </div>
        <div className="select-wrap">
          <label htmlFor="directory-department" className="visually-hidden">
            Department
          </label>
          <select id="directory-department" value={department} onChange={(e) => chooseDepartment(e.target.value)}>
            <option value="">All departments</option>
            {departments.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {d.member_count !== undefined ? ` (${d.member_count})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      {people.isPending && <Spinner label="Loading people" />}
      {people.isError && <ErrorState error={people.error} onRetry={() => void people.refetch()} />}
      {people.data && people.data.length === 0 && <EmptyState>Nobody matches. Try another name or department.</EmptyState>}
      {people.data && people.data.length > 0 && (
        <div className={`directory-grid${people.isPlaceholderData ? ' is-stale' : ''}`} aria-busy={people.isFetching} data-testid="directory-results">
          {people.data.map((account) => (
            <AccountCard key={account.id} account={account} />
          ))}
        </div>
      )}
    </>
  );
}
