/** Search people, hashtags and posts; the query lives in the URL (`/search?q=`). */
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { keys } from '../api/keys.js';
import { search } from '../api/misc.js';
import type { Tag } from '../api/types.js';
import { AccountCard } from '../components/AccountCard.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { StatusCard } from '../components/StatusCard.js';
import { TabPanel, Tabs } from '../components/Tabs.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, navigate, useLocation } from '../router.js';

type SearchTab = 'accounts' | 'hashtags' | 'statuses';

function tagUses(tag: Tag): number {
  return (tag.history ?? []).reduce((sum, day) => sum + Number(day.uses || 0), 0);
}

export function SearchPage() {
  const { search: params } = useLocation();
  const q = (params.get('q') ?? '').trim();
  const requestedTab = params.get('type') as SearchTab | null;
  const [text, setText] = useState(q);
  useTitle(q ? `Search: ${q}` : 'Search');
  useEffect(() => setText(q), [q]);

  const results = useQuery({ queryKey: keys.search(q), queryFn: () => search(q), enabled: q.length > 0 });
  const data = results.data;
  const counts = { accounts: data?.accounts.length ?? 0, hashtags: data?.hashtags.length ?? 0, statuses: data?.statuses.length ?? 0 };
  const firstWithResults = (['accounts', 'statuses', 'hashtags'] as const).find((t) => counts[t] > 0) ?? 'accounts';
  const tab: SearchTab = requestedTab && requestedTab in counts ? requestedTab : firstWithResults;

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = text.trim();
    if (next) navigate(`/search?q=${encodeURIComponent(next)}`, { replace: q.length > 0 });
  }

  function choose(next: SearchTab) {
    navigate(`/search?q=${encodeURIComponent(q)}&type=${next}`, { replace: true, keepScroll: true });
  }

  return (
    <>
      <PageHeader title="Search" />
      <form role="search" className="search-box search-box-main" onSubmit={submit}>
        <Icon name="search" />
        <label htmlFor="search-main" className="visually-hidden">
          Search people, hashtags and posts
        </label>
        <input
          id="search-main"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search people, posts, #tags"
          data-search-input=""
          autoFocus={!q}
        />
        <button type="submit" className="button button-primary button-small">
          Search
        </button>
      </form>
      {!q && (
        <EmptyState>
          <p>Find colleagues by name or title, hashtags, and posts by their words.</p>
        </EmptyState>
      )}
      {q && results.isPending && <Spinner label="Searching" />}
      {q && results.isError && <ErrorState error={results.error} onRetry={() => void results.refetch()} />}
      {data && (
        <>
          <Tabs
            idPrefix="search"
            label="Result types"
            current={tab}
            onChange={choose}
            tabs={[
              { id: 'accounts', label: 'People', count: counts.accounts },
              { id: 'hashtags', label: 'Hashtags', count: counts.hashtags },
              { id: 'statuses', label: 'Posts', count: counts.statuses },
            ]}
          />
          <TabPanel idPrefix="search" current={tab}>
            {counts[tab] === 0 && <EmptyState>No {tab === 'accounts' ? 'people' : tab === 'hashtags' ? 'hashtags' : 'posts'} match “{q}”.</EmptyState>}
            {tab === 'accounts' && (
              <div className="account-list">
                {data.accounts.map((a) => (
                  <AccountCard key={a.id} account={a} />
                ))}
              </div>
            )}
            {tab === 'hashtags' && (
              <ul className="tag-list">
                {data.hashtags.map((tag) => (
                  <li key={tag.name}>
                    <Link to={`/tags/${encodeURIComponent(tag.name)}`} className="tag-row">
                      <span className="tag-row-icon">
                        <Icon name="hash" />
                      </span>
                      <span className="tag-row-name">#{tag.name}</span>
                      {tag.history && <span className="muted">{tagUses(tag)} posts this week</span>}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {tab === 'statuses' && data.statuses.map((s) => <StatusCard key={s.id} status={s} />)}
          </TabPanel>
        </>
      )}
    </>
  );
}
