/**
 * The composer's identity switch: "Posting as @alice" → one of the brands the person may write
 * drafts for. With a brand chosen the composer looks different (the brand's colour, a megaphone,
 * "Posting publicly as @northwind"), screens the text as the public would see it, and saves a
 * draft in the brand's workflow instead of publishing anything.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { brandKeys, checkExternal, listBrands, type Brand, type Draft } from '../api/brands.js';
import type { CredentialAccount } from '../api/types.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { Link } from '../router.js';
import { Avatar } from './Avatar.js';
import { BrandMark, brandStyle } from './BrandBadges.js';
import { Icon } from './Icon.js';
import { FindingList } from './ScreeningFindings.js';
import '../styles/brands.css';

const STORAGE_PREFIX = 'roost:identity:';

/** Brands the person may draft for (contributors). */
export function useWritableBrands(enabled: boolean): Brand[] {
  const { data } = useQuery({
    queryKey: brandKeys.list(false),
    queryFn: () => listBrands(false),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
  return (data ?? []).filter((b) => b.can.write_drafts);
}

export interface BrandIdentity {
  brands: Brand[];
  /** The chosen brand, or null when posting as oneself. */
  brand: Brand | null;
  choose: (brandId: string | null) => void;
}

/** The identity chosen in one composer, kept across reloads like its text. */
export function useBrandIdentity(draftKey: string, enabled: boolean): BrandIdentity {
  const brands = useWritableBrands(enabled);
  const [chosen, setChosen] = useState<string | null>(() => {
    if (!enabled) return null;
    // "New draft" on a brand's page opens the composer with `?as=<brand id>`.
    const fromLink = new URLSearchParams(window.location.search).get('as');
    if (fromLink) return fromLink;
    try {
      return sessionStorage.getItem(STORAGE_PREFIX + draftKey);
    } catch {
      return null;
    }
  });
  function choose(brandId: string | null) {
    setChosen(brandId);
    try {
      if (brandId) sessionStorage.setItem(STORAGE_PREFIX + draftKey, brandId);
      else sessionStorage.removeItem(STORAGE_PREFIX + draftKey);
    } catch {
      // Storage may be unavailable; the choice still holds for this page.
    }
  }
  const brand = (enabled && brands.find((b) => b.id === chosen)) || null;
  return { brands, brand, choose };
}

/** "Posting as @alice" with the switch, or "Posting publicly as @northwind" in the brand's colours. */
export function PostingAs({ me, identity }: { me: CredentialAccount; identity: BrandIdentity }) {
  const { brand, brands, choose } = identity;
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointer(event: PointerEvent) {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    }
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    root.current?.querySelector<HTMLButtonElement>('[aria-checked="true"]')?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  function pick(id: string | null) {
    choose(id);
    setOpen(false);
    button.current?.focus();
  }

  const identityRow = brand ? (
    <div
      className="composer-identity composer-identity-brand"
      data-testid="posting-as"
      data-brand={brand.username}
      style={brandStyle(brand.colour)}
    >
      <Icon name="megaphone" />
      <span>
        Posting {brand.external ? 'publicly ' : ''}as <strong>@{brand.username}</strong>
      </span>
      <span className="composer-identity-name">{brand.display_name}</span>
    </div>
  ) : (
    <div className="composer-identity" data-testid="posting-as">
      <Avatar account={me} size={28} />
      <span>
        Posting as <strong>@{me.username}</strong>
      </span>
      {me.display_name && <span className="composer-identity-name">{me.display_name}</span>}
    </div>
  );

  if (brands.length === 0) return identityRow;
  return (
    <div className="identity-switch" ref={root}>
      {identityRow}
      <button
        ref={button}
        type="button"
        className="chip identity-switch-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {brand ? 'Switch identity' : 'Post as a brand'}
      </button>
      {open && (
        <div className="menu-list identity-menu" role="menu" id={menuId} aria-label="Post as">
          <button
            type="button"
            role="menuitemradio"
            aria-checked={brand === null}
            className="menu-item identity-option"
            onClick={() => pick(null)}
          >
            <Avatar account={me} size={28} />
            <span className="identity-option-text">
              <strong>@{me.username}</strong>
              <span className="muted">Yourself · posts right away</span>
            </span>
            {brand === null && <Icon name="check" />}
          </button>
          {brands.map((b) => (
            <button
              key={b.id}
              type="button"
              role="menuitemradio"
              aria-checked={brand?.id === b.id}
              className="menu-item identity-option"
              onClick={() => pick(b.id)}
            >
              <BrandMark brand={b} size={28} />
              <span className="identity-option-text">
                <strong>@{b.username}</strong>
                <span className="muted">
                  {b.external ? 'Public brand' : 'Brand'} · saved as a draft for approval
                </span>
              </span>
              {brand?.id === b.id && <Icon name="check" />}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** Where a brand post goes, in place of the audience picker. */
export function BrandAudienceNote({ brand }: { brand: Brand }) {
  return (
    <span className="brand-audience" title="Brand posts are published only after approval">
      <Icon name={brand.external ? 'globe' : 'organization'} />
      {brand.external ? 'Public' : 'Organization'}
      <span className="brand-audience-extra"> · after approval</span>
    </span>
  );
}

/** What screening would find in a brand post: the public (external) rules apply. */
export function BrandScreeningFeedback({ text, spoiler }: { text: string; spoiler: string }) {
  const [settledText, settledSpoiler] = JSON.parse(useDebounced(JSON.stringify([text, spoiler]), 250)) as [
    string,
    string,
  ];
  const query = useQuery({
    queryKey: brandKeys.externalCheck(settledText, settledSpoiler),
    queryFn: ({ signal }) => checkExternal(settledText, settledSpoiler, signal),
    enabled: settledText.trim().length > 0 || settledSpoiler.trim().length > 0,
    staleTime: 60_000,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const findings = query.data?.findings ?? [];
  if (text.trim() === '' && spoiler.trim() === '') return null;
  if (!query.data || findings.length === 0) return null;
  return (
    <section
      className={`screening-panel screening-panel-${query.data.action}`}
      aria-label="Screening for the public"
      data-testid="brand-screening"
    >
      <p className="screening-panel-title">
        {query.data.action === 'block'
          ? 'Screening for the public would stop this post:'
          : 'Screening for the public notes (approvers will see this):'}
      </p>
      <FindingList findings={findings} texts={{ status: settledText, spoiler_text: settledSpoiler }} />
    </section>
  );
}

/** The confirmation after saving: a draft, with the way to it. */
export function BrandDraftSaved({
  brand,
  draft,
  onDismiss,
}: {
  brand: Brand;
  draft: Draft;
  onDismiss: () => void;
}) {
  return (
    <div
      className="brand-saved"
      role="status"
      data-testid="brand-draft-saved"
      style={brandStyle(brand.colour)}
    >
      <Icon name="check" />
      <p>
        Saved as a <strong>draft</strong> for @{brand.username}. Nothing is published until it is submitted
        and approved.{' '}
        <Link to={`/brands/${brand.id}/drafts/${draft.id}`} className="strong-link">
          Open the draft
        </Link>
      </p>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="close" />
      </button>
    </div>
  );
}
