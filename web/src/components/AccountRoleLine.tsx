/** "Staff engineer · Platform": a person's title and department, quietly. */
import type { Account } from '../api/types.js';

export function AccountRoleLine({ account, className }: { account: Account; className?: string }) {
  const parts = [account.roost?.title, account.roost?.department?.name].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return null;
  return <div className={className ?? 'account-role'}>{parts.join(' · ')}</div>;
}
