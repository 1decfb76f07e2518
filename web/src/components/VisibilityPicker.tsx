/** Who will see a post: everyone in the organization, followers, or only the people mentioned. */
import { useId } from 'react';
import type { MastodonVisibility, RoostVisibility } from '../api/types.js';
import { Icon, type IconName } from './Icon.js';

export const VISIBILITIES: Array<{ value: RoostVisibility; label: string; icon: IconName; hint: string }> = [
  { value: 'organization', label: 'Organization', icon: 'globe', hint: 'Everyone in the organization' },
  { value: 'followers', label: 'Followers', icon: 'lock', hint: 'Only your followers' },
  { value: 'mentioned', label: 'Mentioned only', icon: 'at', hint: 'Only the people you mention' },
];

export function fromMastodonVisibility(value: MastodonVisibility | RoostVisibility | undefined): RoostVisibility {
  switch (value) {
    case 'private':
    case 'followers':
      return 'followers';
    case 'direct':
    case 'mentioned':
      return 'mentioned';
    default:
      return 'organization';
  }
}

export function VisibilityPicker({ value, onChange }: { value: RoostVisibility; onChange: (value: RoostVisibility) => void }) {
  const id = useId();
  const current = VISIBILITIES.find((v) => v.value === value) ?? VISIBILITIES[0]!;
  return (
    <span className="visibility-picker" title={current.hint}>
      <Icon name={current.icon} />
      <label htmlFor={id} className="visually-hidden">
        Visibility
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as RoostVisibility)}>
        {VISIBILITIES.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    </span>
  );
}
