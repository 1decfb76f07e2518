/**
 * Showing what screening found: a text with each finding's span marked (colour by action), and a
 * list of findings, each with its excerpt highlighted in context, its message and suggestion.
 */
import type { ReactNode } from 'react';
import { actionRank, type Finding, type ScreeningAction } from './ScreeningActions.js';
import './ScreeningStyles.css';

interface Segment {
  text: string;
  /** The strictest action of the findings covering this piece, or null when none does. */
  action: ScreeningAction | null;
  messages: string[];
}

/** Splits a text at every finding boundary so overlapping findings still mark each character once. */
export function segmentText(text: string, findings: Finding[]): Segment[] {
  const inside = findings.filter((f) => f.start >= 0 && f.end <= text.length && f.start < f.end);
  const cuts = new Set<number>([0, text.length]);
  for (const f of inside) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = inside.filter((f) => f.start <= start && f.end >= end);
    const action = covering.reduce<ScreeningAction | null>(
      (worst, f) => (worst === null || actionRank(f.action) > actionRank(worst) ? f.action : worst),
      null,
    );
    segments.push({ text: text.slice(start, end), action, messages: covering.map((f) => f.message) });
  }
  return segments;
}

/** The text as written, with what screening found marked. */
export function HighlightedText({
  text,
  findings,
  className,
}: {
  text: string;
  findings: Finding[];
  className?: string;
}) {
  return (
    <span className={className ?? 'screening-text'}>
      {segmentText(text, findings).map((segment, index) =>
        segment.action === null ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <mark
            key={index}
            className={`screening-mark screening-mark-${segment.action}`}
            title={segment.messages.join('\n')}
          >
            {segment.text}
          </mark>
        ),
      )}
    </span>
  );
}

const CONTEXT = 32;

/** The finding's excerpt with a little of the text around it. */
function Excerpt({ text, finding }: { text: string; finding: Finding }) {
  const matches = text.slice(finding.start, finding.end) === finding.excerpt;
  if (!matches) {
    return (
      <mark className={`screening-mark screening-mark-${finding.action}`} data-testid="finding-excerpt">
        {finding.excerpt}
      </mark>
    );
  }
  const from = Math.max(0, finding.start - CONTEXT);
  const to = Math.min(text.length, finding.end + CONTEXT);
  return (
    <>
      {from > 0 && '…'}
      {text.slice(from, finding.start)}
      <mark className={`screening-mark screening-mark-${finding.action}`} data-testid="finding-excerpt">
        {finding.excerpt}
      </mark>
      {text.slice(finding.end, to)}
      {to < text.length && '…'}
    </>
  );
}

const ACTION_LABEL: Record<ScreeningAction, string> = {
  allow: 'Allowed',
  warn: 'Warning',
  review: 'Needs review',
  block: 'Blocked',
};

export function actionLabel(action: ScreeningAction): string {
  return ACTION_LABEL[action];
}

/** The findings of a post, each in the field it was found in (`texts` maps field → text). */
export function FindingList({
  findings,
  texts,
  footer,
}: {
  findings: Finding[];
  texts: { status: string; spoiler_text?: string };
  footer?: ReactNode;
}) {
  return (
    <ul className="screening-findings">
      {findings.map((finding, index) => {
        const field = finding.field ?? 'status';
        const text = field === 'spoiler_text' ? (texts.spoiler_text ?? '') : texts.status;
        return (
          <li
            key={`${finding.rule}:${field}:${finding.start}:${index}`}
            className="screening-finding"
            data-rule={finding.rule}
            data-action={finding.action}
          >
            <p className="screening-finding-head">
              <span className={`screening-badge screening-badge-${finding.action}`}>
                {actionLabel(finding.action)}
              </span>
              <span className="screening-finding-message">{finding.message}</span>
            </p>
            <p className="screening-finding-excerpt">
              {field === 'spoiler_text' && <span className="muted">Content warning: </span>}
              <Excerpt text={text} finding={finding} />
            </p>
            {finding.suggestion && <p className="screening-finding-suggestion">{finding.suggestion}</p>}
          </li>
        );
      })}
      {footer}
    </ul>
  );
}
