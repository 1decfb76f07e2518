/** Small brand pieces: a draft's state badge, a brand's name with its colour, and their words. */
import type { CSSProperties } from 'react';
import type { Brand, DraftState, Quorum } from '../api/brands.js';
import { Icon } from './Icon.js';
import '../styles/brands.css';

const STATE_LABEL: Record<DraftState, string> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  sending: 'Sending',
  published: 'Published',
  retracted: 'Retracted',
};

const WHEN = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Tue, Mar 4, 09:30" for schedules and publication times. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : WHEN.format(date);
}

export function stateLabel(state: DraftState): string {
  return STATE_LABEL[state] ?? state;
}

export function DraftStateBadge({ state }: { state: DraftState }) {
  return (
    <span className={`draft-state draft-state-${state}`} data-testid="draft-state" data-state={state}>
      {stateLabel(state)}
    </span>
  );
}

/** The brand's colour as a CSS variable for borders, banners and dots. */
export function brandStyle(colour: string | undefined): CSSProperties {
  return { ['--brand-colour' as string]: colour && /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#2563eb' };
}

export function BrandChip({ brand }: { brand: Pick<Brand, 'username' | 'display_name' | 'colour'> }) {
  return (
    <span className="brand-chip" style={brandStyle(brand.colour)}>
      <span className="brand-dot" aria-hidden="true" />
      <strong>@{brand.username}</strong>
      {brand.display_name && <span className="muted">{brand.display_name}</span>}
    </span>
  );
}

/** The brand's mark: its initials on its colour, with a megaphone for brands that speak publicly. */
export function BrandMark({
  brand,
  size = 40,
}: {
  brand: Pick<Brand, 'username' | 'display_name' | 'colour' | 'external'>;
  size?: number;
}) {
  const name = (brand.display_name || brand.username).trim();
  const initials = name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0] ?? '')
    .join('')
    .toUpperCase();
  return (
    <span
      className="brand-mark"
      style={{ ...brandStyle(brand.colour), width: size, height: size, fontSize: Math.round(size * 0.36) }}
      aria-hidden="true"
    >
      {initials || '@'}
      {brand.external && (
        <span className="brand-mark-public">
          <Icon name="megaphone" />
        </span>
      )}
    </span>
  );
}

export function quorumLabel(quorum: Quorum, eligible?: number): string {
  if (quorum === 'any') return 'Any one approver';
  if (quorum === 'all') return eligible === undefined ? 'Every approver' : `All ${eligible} approvers`;
  return `${quorum} approvers`;
}

export const ROLE_LABEL: Record<string, string> = {
  contributor: 'Contributor',
  approver: 'Approver',
  publisher: 'Publisher',
  owner: 'Owner',
};

export const ROLE_HINT: Record<string, string> = {
  contributor: 'writes drafts',
  approver: 'approves drafts',
  publisher: 'schedules and sends',
  owner: 'members, workflow, connectors, pause',
};
