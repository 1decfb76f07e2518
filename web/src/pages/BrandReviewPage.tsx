/**
 * The approver's review inbox: drafts waiting for the viewer's approval across every brand they
 * review for, oldest first, each with what screening found marked in the text and, for a revised
 * draft, the changes since the previous revision.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { brandKeys, draftAction, listBrands, listDrafts, type Brand, type Draft } from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { BrandChip, brandStyle, DraftStateBadge } from '../components/BrandBadges.js';
import { RevisionDiffView } from '../components/BrandDiff.js';
import { approvalSummary } from '../components/BrandDraftItem.js';
import { DraftFindings, DraftText } from '../components/BrandDraftParts.js';
import { personName, useAccounts } from '../components/BrandPeople.js';
import { PageHeader } from '../components/PageHeader.js';
import { RelativeTime } from '../components/RelativeTime.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link } from '../router.js';

interface Waiting {
  brand: Brand;
  draft: Draft;
}

async function waitingForMe(): Promise<Waiting[]> {
  const brands = await listBrands(false);
  const lists = await Promise.all(
    brands.map(async (brand) =>
      (await listDrafts(brand.id, ['submitted', 'in_review']))
        .filter((d) => d.can.approve)
        .map((draft) => ({ brand, draft })),
    ),
  );
  return lists.flat().sort((a, b) => (a.draft.updated_at ?? '').localeCompare(b.draft.updated_at ?? ''));
}

function ReviewItem({ brand, draft }: Waiting) {
  const queryClient = useQueryClient();
  const people = useAccounts([draft.author_id]);
  const approve = useMutation({
    mutationFn: () => draftAction(brand.id, draft.id, { kind: 'approve' }),
    onSuccess: (next) => {
      queryClient.setQueryData(brandKeys.draft(brand.id, draft.id), next);
      void queryClient.invalidateQueries({ queryKey: brandKeys.review });
      void queryClient.invalidateQueries({ queryKey: brandKeys.drafts(brand.id) });
      announce('Approved');
    },
  });
  const link = `/brands/${brand.id}/drafts/${draft.id}`;
  const summary = approvalSummary(draft);
  return (
    <article
      className="review-item"
      style={brandStyle(brand.colour)}
      data-draft-id={draft.id}
      aria-label={`Draft for @${brand.username}`}
    >
      <header className="review-item-head">
        <BrandChip brand={brand} />
        <DraftStateBadge state={draft.state} />
        <span className="muted">
          by {personName(people.get(draft.author_id))}
          {draft.updated_at && (
            <>
              {' '}
              · <RelativeTime iso={draft.updated_at} />
            </>
          )}
        </span>
      </header>
      <DraftText draft={draft} />
      <DraftFindings draft={draft} />
      {draft.revisions_count > 1 && (
        <details className="review-changes" open>
          <summary>Changes since the last revision</summary>
          <RevisionDiffView brandId={brand.id} draftId={draft.id} />
        </details>
      )}
      {summary && <p className="muted">{summary}</p>}
      {approve.isError && (
        <p className="form-error" role="alert">
          {errorMessage(approve.error)}
        </p>
      )}
      <div className="draft-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => approve.mutate()}
          disabled={approve.isPending}
        >
          {approve.isPending ? 'Approving…' : 'Approve'}
        </button>
        <Link to={link} className="button">
          Open, comment or reject
        </Link>
      </div>
    </article>
  );
}

export function BrandReviewPage() {
  useTitle('Review inbox');
  const inbox = useQuery({ queryKey: brandKeys.review, queryFn: waitingForMe, refetchInterval: 30_000 });
  return (
    <>
      <PageHeader title="Review inbox" subtitle="Brand drafts waiting for your approval" back />
      {inbox.isPending && <Spinner label="Loading the review inbox" />}
      {inbox.isError && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && inbox.data.length === 0 && (
        <EmptyState>
          <h2>Nothing waits for you</h2>
          <p>When a draft reaches a step you approve, it shows up here and in your notifications.</p>
        </EmptyState>
      )}
      <div className="review-list">
        {inbox.data?.map((item) => (
          <ReviewItem key={item.draft.id} brand={item.brand} draft={item.draft} />
        ))}
      </div>
    </>
  );
}
