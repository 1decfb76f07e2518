/**
 * One brand: its drafts grouped by state, with a filter per state; break-glass requests waiting
 * for a second person are called out at the top for those who may confirm them.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { brandKeys, DRAFT_STATES, listDrafts, type Draft, type DraftState } from '../api/brands.js';
import { stateLabel } from '../components/BrandBadges.js';
import { DraftItem } from '../components/BrandDraftItem.js';
import { BrandHeader, useBrand } from '../components/BrandHeader.js';
import { useAccounts } from '../components/BrandPeople.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

/** Work that needs someone first, then what is on its way, then the record. */
const GROUP_ORDER: DraftState[] = [
  'submitted',
  'in_review',
  'draft',
  'approved',
  'scheduled',
  'sending',
  'published',
  'retracted',
];

type Filter = 'all' | DraftState;

export function groupByState(drafts: Draft[]): Array<[DraftState, Draft[]]> {
  return GROUP_ORDER.map(
    (state) => [state, drafts.filter((d) => d.state === state)] as [DraftState, Draft[]],
  ).filter(([, list]) => list.length > 0);
}

export function BrandPage({ brandId }: { brandId: string }) {
  const brand = useBrand(brandId);
  const [filter, setFilter] = useState<Filter>('all');
  const drafts = useQuery({
    queryKey: brandKeys.drafts(brandId),
    queryFn: () => listDrafts(brandId),
    enabled: brand.isSuccess,
    refetchInterval: 30_000,
  });
  const all = drafts.data ?? [];
  const authors = useAccounts(all.map((d) => d.author_id));
  useTitle(brand.data ? `@${brand.data.username}` : 'Brand');

  if (brand.isError) return <NotFoundPage />;
  if (!brand.data) return <Spinner label="Loading brand" />;
  const shown = filter === 'all' ? all : all.filter((d) => d.state === filter);
  const breakGlass = all.filter((d) => d.can.confirm_break_glass);
  const counts = new Map(DRAFT_STATES.map((s) => [s, all.filter((d) => d.state === s).length]));

  return (
    <>
      <PageHeader title={`@${brand.data.username}`} subtitle={brand.data.display_name} back />
      <BrandHeader brand={brand.data} />
      {breakGlass.length > 0 && (
        <section className="brand-callout brand-callout-danger" aria-labelledby="break-glass-title">
          <h2 id="break-glass-title">
            <Icon name="shield" /> Break-glass requests waiting for you
          </h2>
          <ul className="draft-list">
            {breakGlass.map((d) => (
              <DraftItem key={d.id} draft={d} author={authors.get(d.author_id)} />
            ))}
          </ul>
        </section>
      )}
      <div className="brand-filters" role="group" aria-label="Show drafts">
        <button
          type="button"
          className={`chip${filter === 'all' ? ' chip-on' : ''}`}
          aria-pressed={filter === 'all'}
          onClick={() => setFilter('all')}
        >
          All <span className="chip-count">{all.length}</span>
        </button>
        {GROUP_ORDER.filter((s) => (counts.get(s) ?? 0) > 0 || s === filter).map((state) => (
          <button
            key={state}
            type="button"
            className={`chip${filter === state ? ' chip-on' : ''}`}
            aria-pressed={filter === state}
            onClick={() => setFilter(state)}
          >
            {stateLabel(state)} <span className="chip-count">{counts.get(state) ?? 0}</span>
          </button>
        ))}
        {brand.data.can.write_drafts && (
          <Link to={`/?compose=1&as=${brandId}`} className="chip brand-filters-new">
            <Icon name="edit" /> New draft
          </Link>
        )}
      </div>
      {drafts.isPending && <Spinner label="Loading drafts" />}
      {drafts.isError && <ErrorState error={drafts.error} onRetry={() => void drafts.refetch()} />}
      {drafts.isSuccess && shown.length === 0 && (
        <EmptyState>
          <h2>No drafts {filter === 'all' ? 'yet' : `in “${stateLabel(filter)}”`}</h2>
          <p>Contributors write drafts from the composer: choose “Post as a brand”.</p>
        </EmptyState>
      )}
      {groupByState(shown).map(([state, list]) => (
        <section
          key={state}
          className="draft-group"
          aria-labelledby={`group-${state}`}
          data-state-group={state}
        >
          <h2 id={`group-${state}`} className="draft-group-title">
            {stateLabel(state)} <span className="muted">{list.length}</span>
          </h2>
          <ul className="draft-list">
            {list.map((d) => (
              <DraftItem key={d.id} draft={d} author={authors.get(d.author_id)} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
