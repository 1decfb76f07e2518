/**
 * Names for the account IDs brand responses carry (approvers, authors, actors): each account is
 * fetched once and cached, so a page full of IDs reads as people.
 */
import { useQueries } from '@tanstack/react-query';
import { getAccount } from '../api/accounts.js';
import { brandKeys } from '../api/brands.js';
import type { Account } from '../api/types.js';
import { Link, profilePath } from '../router.js';
import { Avatar } from './Avatar.js';

export function useAccounts(ids: readonly (string | null | undefined)[]): Map<string, Account> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: brandKeys.account(id),
      queryFn: () => getAccount(id),
      staleTime: 10 * 60_000,
      retry: false,
    })),
  });
  const map = new Map<string, Account>();
  results.forEach((result, index) => {
    if (result.data) map.set(unique[index]!, result.data);
  });
  return map;
}

export function personName(account: Account | undefined, fallback = 'someone'): string {
  return account ? account.display_name || account.username : fallback;
}

/** A person's name linking to their profile (or "someone" while unknown). */
export function PersonLink({ account, withAvatar }: { account: Account | undefined; withAvatar?: boolean }) {
  if (!account) return <span className="muted">someone</span>;
  return (
    <Link to={profilePath(account.acct)} className="brand-person">
      {withAvatar && <Avatar account={account} size={22} />}
      <span>{personName(account)}</span>
    </Link>
  );
}
