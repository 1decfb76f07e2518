/**
 * A word diff between two revisions of a draft, as the API computed it: inserted words in <ins>,
 * deleted ones in <del>, the rest as written. Also the panel that picks which revisions to compare.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { brandKeys, getDiff, type DiffSegment, type Revision } from '../api/brands.js';
import { ErrorState, Spinner } from './States.js';
import '../styles/brands.css';

export function DiffText({ segments, label }: { segments: DiffSegment[]; label?: string }) {
  return (
    <p className="brand-diff" aria-label={label} data-testid="revision-diff">
      {segments.map((segment, index) => {
        if (segment.op === 'insert') return <ins key={index}>{segment.text}</ins>;
        if (segment.op === 'delete') return <del key={index}>{segment.text}</del>;
        return <span key={index}>{segment.text}</span>;
      })}
    </p>
  );
}

export function hasChanges(segments: DiffSegment[]): boolean {
  return segments.some((s) => s.op !== 'equal');
}

/** The diff between two revision numbers (defaults: previous → current). */
export function RevisionDiffView({
  brandId,
  draftId,
  from,
  to,
}: {
  brandId: string;
  draftId: string;
  from?: number;
  to?: number;
}) {
  const diff = useQuery({
    queryKey: brandKeys.diff(brandId, draftId, from ?? null, to ?? null),
    queryFn: () => getDiff(brandId, draftId, from, to),
  });
  if (diff.isPending) return <Spinner label="Comparing revisions" />;
  if (diff.isError) return <ErrorState error={diff.error} />;
  const { text, spoiler_text: spoiler } = diff.data;
  const nothing = !hasChanges(text) && !hasChanges(spoiler);
  return (
    <div className="brand-diff-view">
      <p className="muted brand-diff-caption">
        Revision {diff.data.from.number} → revision {diff.data.to.number}
        {nothing && ' · no changes'}
      </p>
      {hasChanges(spoiler) && (
        <p className="brand-diff-spoiler">
          <span className="muted">Content warning: </span>
          <DiffText segments={spoiler} label="Changes to the content warning" />
        </p>
      )}
      <DiffText segments={text} label="Changes to the text" />
    </div>
  );
}

/** Revision history with a choice of the two revisions to compare. */
export function RevisionHistory({
  brandId,
  draftId,
  revisions,
}: {
  brandId: string;
  draftId: string;
  revisions: Revision[];
}) {
  const last = revisions[revisions.length - 1]?.number ?? 1;
  const [from, setFrom] = useState(Math.max(1, last - 1));
  const [to, setTo] = useState(last);
  if (revisions.length < 2) return <p className="muted">Only one revision so far.</p>;
  return (
    <div className="revision-history">
      <ol className="revision-list">
        {revisions.map((r) => (
          <li key={r.id}>
            <span className="revision-number">#{r.number}</span>
            <span className="revision-text">{r.text}</span>
          </li>
        ))}
      </ol>
      <div className="inline-form revision-pick">
        <div className="field">
          <label htmlFor={`diff-from-${draftId}`}>Compare revision</label>
          <select id={`diff-from-${draftId}`} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {revisions.map((r) => (
              <option key={r.id} value={r.number}>
                #{r.number}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`diff-to-${draftId}`}>with</label>
          <select id={`diff-to-${draftId}`} value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {revisions.map((r) => (
              <option key={r.id} value={r.number}>
                #{r.number}
              </option>
            ))}
          </select>
        </div>
      </div>
      <RevisionDiffView brandId={brandId} draftId={draftId} from={from} to={to} />
    </div>
  );
}
