/**
 * The composer: who you are posting as, the text with a live grapheme count against the
 * instance's limit, audience, optional content warning, Ctrl/⌘+Enter to send. A failed post keeps
 * its draft (also kept across reloads in sessionStorage) and shows the server's reason inline.
 * A new post (not a reply) can be written as a brand the person drafts for: it is then saved as a
 * draft in that brand's workflow, never published directly.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { brandKeys, createDraft, type Draft as BrandDraft } from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { HOME, keys } from '../api/keys.js';
import { createStatus } from '../api/statuses.js';
import type { RoostVisibility, Status } from '../api/types.js';
import { countGraphemes } from '../hooks/graphemes.js';
import { announce } from '../hooks/live-store.js';
import { patchStatus, prependToTimeline } from '../hooks/status-cache.js';
import { useMaxCharacters } from '../hooks/useInstance.js';
import { useMe } from '../hooks/useSession.js';
import { brandStyle } from './BrandBadges.js';
import { BrandAudienceNote, BrandDraftSaved, BrandScreeningFeedback, PostingAs, useBrandIdentity } from './BrandSwitcher.js';
import { Icon } from './Icon.js';
import { moderationOf } from './ScreeningApi.js';
import { ScreeningFeedback } from './ScreeningFeedback.js';
import { VisibilityPicker, fromMastodonVisibility } from './VisibilityPicker.js';

interface Draft {
  text: string;
  spoiler: string;
  showSpoiler: boolean;
  visibility: RoostVisibility;
}

export interface ComposerProps {
  draftKey: string;
  replyTo?: Status;
  /** The page's main composer: the `n` shortcut focuses it. */
  primary?: boolean;
  autoFocus?: boolean;
  onPosted?: (status: Status) => void;
  onCancel?: () => void;
}

function loadDraft(key: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(`roost:draft:${key}`);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

function saveDraft(key: string, draft: Draft | null): void {
  try {
    if (!draft || (!draft.text && !draft.spoiler)) sessionStorage.removeItem(`roost:draft:${key}`);
    else sessionStorage.setItem(`roost:draft:${key}`, JSON.stringify(draft));
  } catch {
    // Storage may be unavailable (private mode); the draft still lives in memory.
  }
}

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function replyPrefix(replyTo: Status | undefined, myUsername: string): string {
  if (!replyTo) return '';
  const names = [replyTo.account.acct, ...replyTo.mentions.map((m) => m.acct)];
  const unique = [...new Set(names.filter((name) => name.toLowerCase() !== myUsername.toLowerCase()))];
  return unique.map((name) => `@${name} `).join('');
}

export function Composer({ draftKey, replyTo, primary, autoFocus, onPosted, onCancel }: ComposerProps) {
  const me = useMe();
  const max = useMaxCharacters();
  const queryClient = useQueryClient();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const idempotencyKey = useRef(randomKey());
  const [draft, setDraft] = useState<Draft>(
    () =>
      loadDraft(draftKey) ?? {
        text: replyPrefix(replyTo, me.username),
        spoiler: '',
        showSpoiler: false,
        visibility: replyTo ? fromMastodonVisibility(replyTo.visibility) : 'organization',
      },
  );

  const identity = useBrandIdentity(draftKey, !replyTo);
  const brand = identity.brand;
  const [savedDraft, setSavedDraft] = useState<BrandDraft | null>(null);

  useEffect(() => saveDraft(draftKey, draft), [draftKey, draft]);
  useEffect(() => {
    if (!autoFocus || !textRef.current) return;
    const area = textRef.current;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, [autoFocus]);

  const post = useMutation({
    // `true` resends after screening's warnings, confirmed by the author.
    mutationFn: (confirmWarnings: boolean | void) =>
      createStatus(
        {
          ...(confirmWarnings ? { confirm_warnings: true } : {}),
          status: draft.text,
          visibility: draft.visibility,
          in_reply_to_id: replyTo?.id,
          spoiler_text: draft.showSpoiler ? draft.spoiler : undefined,
        },
        idempotencyKey.current,
      ),
    onSuccess: (status) => {
      idempotencyKey.current = randomKey();
      saveDraft(draftKey, null);
      setDraft((d) => ({ text: '', spoiler: '', showSpoiler: false, visibility: d.visibility }));
      prependToTimeline(queryClient, keys.timeline(HOME), [status]);
      if (replyTo) {
        patchStatus(queryClient, replyTo.id, (s) => ({ ...s, replies_count: s.replies_count + 1 }));
        void queryClient.invalidateQueries({ queryKey: ['context'] });
      }
      void queryClient.invalidateQueries({ queryKey: ['timeline'], refetchType: 'none' });
      announce(moderationOf(status)?.state === 'held' ? 'Held for review' : replyTo ? 'Reply posted' : 'Post published');
      onPosted?.(status);
    },
  });

  // A brand post is only ever a draft in the brand's workflow.
  const saveBrandDraft = useMutation({
    mutationFn: (brandId: string) =>
      createDraft(brandId, { status: draft.text, ...(draft.showSpoiler && draft.spoiler ? { spoiler_text: draft.spoiler } : {}) }),
    onSuccess: (created) => {
      saveDraft(draftKey, null);
      setDraft((d) => ({ text: '', spoiler: '', showSpoiler: false, visibility: d.visibility }));
      setSavedDraft(created);
      void queryClient.invalidateQueries({ queryKey: brandKeys.drafts(created.brand_id) });
      announce(`Saved as a draft for @${brand?.username ?? 'the brand'}`);
    },
  });
  const sending = brand ? saveBrandDraft : post;

  const count = countGraphemes(draft.text) + (draft.showSpoiler ? countGraphemes(draft.spoiler) : 0);
  const over = count > max;
  const empty = draft.text.trim().length === 0;
  const canPost = !empty && !over && !sending.isPending;

  function update(patch: Partial<Draft>) {
    if (patch.text !== undefined || patch.spoiler !== undefined) idempotencyKey.current = randomKey();
    if (post.isError) post.reset();
    if (saveBrandDraft.isError) saveBrandDraft.reset();
    if (patch.text) setSavedDraft(null);
    setDraft((d) => ({ ...d, ...patch }));
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canPost) return;
    if (brand) saveBrandDraft.mutate(brand.id);
    else post.mutate();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      // Escape leaves the field so that the page's shortcuts (j, k, l…) work again; the draft stays.
      if (onCancel) onCancel();
      else (event.target as HTMLElement).blur();
    }
  }

  const label = replyTo ? `Reply to @${replyTo.account.acct}` : 'What’s happening?';
  return (
    <form
      className={`composer${replyTo ? ' composer-reply' : ''}${brand ? ' composer-brand' : ''}`}
      onSubmit={submit}
      aria-label={replyTo ? 'Reply' : brand ? `New draft for @${brand.username}` : 'New post'}
      style={brand ? brandStyle(brand.colour) : undefined}
    >
      <PostingAs me={me} identity={{ ...identity, choose: (id) => { setSavedDraft(null); identity.choose(id); } }} />
      {draft.showSpoiler && (
        <input
          className="composer-spoiler"
          type="text"
          value={draft.spoiler}
          placeholder="Content warning"
          aria-label="Content warning"
          onChange={(e) => update({ spoiler: e.target.value })}
          onKeyDown={onKeyDown}
        />
      )}
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        ref={textRef}
        className="composer-text"
        value={draft.text}
        placeholder={replyTo ? 'Write your reply…' : brand ? `What should @${brand.username} say?` : 'What’s happening?'}
        rows={replyTo ? 2 : 3}
        aria-invalid={over || undefined}
        aria-describedby={`${id}-count`}
        data-primary-composer={primary ? '' : undefined}
        onChange={(e) => update({ text: e.target.value })}
        onKeyDown={onKeyDown}
      />
      {sending.isError && (
        <p className="form-error" role="alert">
          {errorMessage(sending.error)}
        </p>
      )}
      {brand ? (
        <BrandScreeningFeedback text={draft.text} spoiler={draft.showSpoiler ? draft.spoiler : ''} />
      ) : (
        <ScreeningFeedback
          text={draft.text}
          spoiler={draft.showSpoiler ? draft.spoiler : ''}
          error={post.error}
          busy={post.isPending}
          onConfirm={() => post.mutate(true)}
        />
      )}
      {savedDraft && brand && <BrandDraftSaved brand={brand} draft={savedDraft} onDismiss={() => setSavedDraft(null)} />}
      <div className="composer-bar">
        <div className="composer-tools">
          {brand ? <BrandAudienceNote brand={brand} /> : <VisibilityPicker value={draft.visibility} onChange={(visibility) => update({ visibility })} />}
          <button
            type="button"
            className={`chip${draft.showSpoiler ? ' chip-on' : ''}`}
            aria-pressed={draft.showSpoiler}
            onClick={() => update({ showSpoiler: !draft.showSpoiler })}
            title="Add a content warning"
          >
            CW
          </button>
        </div>
        <span
          id={`${id}-count`}
          className={`char-count${over ? ' over' : count > max * 0.9 ? ' near' : ''}`}
          data-testid="char-count"
          aria-label={`${count} of ${max} characters`}
        >
          <span className="count-used">{count}</span>
          <span className="count-max">/{max}</span>
        </span>
        {onCancel && (
          <button type="button" className="button button-ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={!canPost} aria-keyshortcuts="Control+Enter">
          {brand ? (saveBrandDraft.isPending ? 'Saving…' : 'Save draft') : post.isPending ? 'Posting…' : replyTo ? 'Reply' : 'Post'}
          {!sending.isPending && <Icon name={brand ? 'check' : 'arrowUp'} className="button-icon-after" />}
        </button>
      </div>
    </form>
  );
}
