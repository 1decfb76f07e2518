/**
 * Screening in the composer: while the author types, a debounced dry run (about 250 ms after the
 * last keystroke) lists what screening would find, each excerpt highlighted with its message and
 * suggestion. When the server refuses a post (`screening_blocked`) or asks for confirmation
 * (`screening_warning`) the same list explains why, with "Post anyway" for a warning. The draft
 * is never touched here.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '../hooks/useDebounced.js';
import { checkText, screeningKeys, screeningRefusal, type ScreeningResult } from './ScreeningApi.js';
import { FindingList } from './ScreeningFindings.js';

export interface ScreeningFeedbackProps {
  text: string;
  spoiler: string;
  /** The last posting error, if any: a screening refusal is explained here. */
  error: unknown;
  busy: boolean;
  /** Resends the post with `confirm_warnings`. */
  onConfirm: () => void;
}

interface Checked {
  text: string;
  spoiler: string;
  result: ScreeningResult;
}

/** The dry run for what the author has typed, once they pause. Errors (offline, rate limit) just show nothing. */
export function useScreeningCheck(text: string, spoiler: string): Checked | null {
  // Debounce one string: an object would be new on every render and never settle.
  const [settledText, settledSpoiler] = JSON.parse(useDebounced(JSON.stringify([text, spoiler]), 250)) as [
    string,
    string,
  ];
  const settled = { text: settledText, spoiler: settledSpoiler };
  const query = useQuery({
    queryKey: screeningKeys.check(settled.text, settled.spoiler),
    queryFn: async ({ signal }): Promise<Checked> => ({
      text: settled.text,
      spoiler: settled.spoiler,
      result: await checkText(settled.text, settled.spoiler, signal),
    }),
    enabled: settled.text.trim().length > 0 || settled.spoiler.trim().length > 0,
    staleTime: 60_000,
    retry: false,
    placeholderData: keepPreviousData,
  });
  if (text.trim().length === 0 && spoiler.trim().length === 0) return null;
  return query.data ?? null;
}

export function ScreeningFeedback({ text, spoiler, error, busy, onConfirm }: ScreeningFeedbackProps) {
  const checked = useScreeningCheck(text, spoiler);
  const refusal = screeningRefusal(error);

  if (refusal) {
    const blocked = refusal.kind === 'block';
    return (
      <section
        className={`screening-panel screening-panel-${blocked ? 'block' : 'warn'}`}
        aria-label={blocked ? 'Why this post cannot be published' : 'Check before publishing'}
        data-testid="screening-refusal"
      >
        <p className="screening-panel-title">
          {blocked
            ? 'This post can’t be published. Your draft is kept: edit it and try again.'
            : 'Please check this before publishing.'}
        </p>
        <FindingList findings={refusal.result.findings} texts={{ status: text, spoiler_text: spoiler }} />
        {!blocked && (
          <div className="screening-actions">
            <button type="button" className="button" onClick={onConfirm} disabled={busy}>
              Post anyway
            </button>
          </div>
        )}
      </section>
    );
  }

  const findings = checked?.result.findings ?? [];
  return (
    <div aria-live="polite" data-testid="screening-live">
      {checked && findings.length > 0 && (
        <section
          className={`screening-panel screening-panel-${checked.result.action}`}
          aria-label="Screening findings"
          data-testid="screening-findings"
          data-action={checked.result.action}
        >
          <p className="screening-panel-title">{summary(checked.result)}</p>
          <FindingList findings={findings} texts={{ status: checked.text, spoiler_text: checked.spoiler }} />
        </section>
      )}
    </div>
  );
}

function summary(result: ScreeningResult): string {
  switch (result.action) {
    case 'block':
      return 'This can’t be published as it is:';
    case 'review':
      return 'A moderator will review this before others see it:';
    case 'warn':
      return 'You will be asked to confirm this:';
    case 'allow':
      return 'Screening notes:';
  }
}
