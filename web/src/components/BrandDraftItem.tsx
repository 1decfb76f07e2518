/** One draft in a list: its state, the text, who wrote it, approval progress and when it goes. */
import type { Draft } from '../api/brands.js';
import type { Account } from '../api/types.js';
import { Link } from '../router.js';
import { DraftStateBadge, formatWhen } from './BrandBadges.js';
import { personName } from './BrandPeople.js';
import { RelativeTime } from './RelativeTime.js';
import '../styles/brands.css';

export function approvalSummary(draft: Draft): string | null {
  const current = draft.steps.find((s) => s.current);
  if (!current) return null;
  return `${current.name}: ${current.approved_by.length} of ${current.needed} approval${current.needed === 1 ? '' : 's'}`;
}

export function DraftItem({ draft, author }: { draft: Draft; author?: Account | undefined }) {
  const summary = approvalSummary(draft);
  const findings = draft.screening?.findings.length ?? 0;
  return (
    <li>
      <Link
        to={`/brands/${draft.brand_id}/drafts/${draft.id}`}
        className="draft-item"
        data-draft-id={draft.id}
      >
        <span className="draft-item-head">
          <DraftStateBadge state={draft.state} />
          {findings > 0 && (
            <span className={`screening-badge screening-badge-${draft.screening!.action}`}>
              {findings} screening note{findings === 1 ? '' : 's'}
            </span>
          )}
          {draft.break_glass && !draft.break_glass.confirmed_by && (
            <span className="pill pill-warning">Break-glass request</span>
          )}
          <span className="draft-item-time muted">
            {draft.updated_at && <RelativeTime iso={draft.updated_at} />}
          </span>
        </span>
        <span className="draft-item-text">
          {draft.revision.spoiler_text && <span className="muted">CW: {draft.revision.spoiler_text} · </span>}
          {draft.revision.text}
        </span>
        <span className="draft-item-meta muted">
          by {personName(author)}
          {draft.revisions_count > 1 && <> · revision {draft.revision.number}</>}
          {summary && <> · {summary}</>}
          {draft.send_at && (draft.state === 'scheduled' || draft.state === 'sending') && (
            <> · goes {formatWhen(draft.send_at)}</>
          )}
          {draft.waiting_for_resume && <> · waiting for resume</>}
          {draft.published_at && draft.state === 'published' && (
            <> · published {formatWhen(draft.published_at)}</>
          )}
        </span>
      </Link>
    </li>
  );
}
