/** A person's picture, or their initials on a colour derived from their id when there is none. */
import { useState } from 'react';
import type { Account } from '../api/types.js';

const HUES = [212, 262, 330, 18, 152, 190, 38, 285];

function initials(account: Pick<Account, 'display_name' | 'username'>): string {
  const name = (account.display_name || account.username).trim();
  const parts = name.split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : name.slice(0, 2);
  return letters.toUpperCase();
}

function hue(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return HUES[Math.abs(hash) % HUES.length]!;
}

/** Mastodon servers answer a placeholder image for people without one; initials read better. */
function isPlaceholder(url: string | undefined): boolean {
  return !url || /missing|default|original\/missing/.test(url);
}

export function Avatar({ account, size = 44 }: { account: Pick<Account, 'id' | 'avatar' | 'display_name' | 'username'>; size?: number }) {
  const [failed, setFailed] = useState(false);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.38) };
  if (!failed && !isPlaceholder(account.avatar)) {
    return <img className="avatar" src={account.avatar} alt="" width={size} height={size} style={style} onError={() => setFailed(true)} />;
  }
  return (
    <span className="avatar avatar-initials" aria-hidden="true" style={{ ...style, ['--avatar-hue' as string]: hue(account.id) }}>
      {initials(account)}
    </span>
  );
}
