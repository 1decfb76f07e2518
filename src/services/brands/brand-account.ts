/**
 * The account a brand speaks as: an `accounts` row of kind 'brand' with no user row, so nobody
 * can sign in as it or hold a token for it. The accounts service has no call for creating one
 * (its engineer has left), so the brand service writes this one row itself, with the same rules
 * for usernames and display names and the same uniqueness check.
 */
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Accounts } from '../accounts/account-service.js';
import { checkDisplayName, checkUsername } from '../accounts/profile-rules.js';
import { isUniqueViolation } from '../accounts/unique-violation.js';

export async function createBrandAccount(
  tx: Database,
  accounts: Accounts,
  input: { username: string; displayName: string },
): Promise<number> {
  tx.assertTransaction();
  const username = checkUsername(input.username);
  const displayName = checkDisplayName(input.displayName);
  await accounts.assertAvailable(tx, username, null);
  const now = Date.now();
  const id = newId(now);
  try {
    await tx.db
      .insertInto('accounts')
      .values({
        id,
        username,
        username_lower: username.toLowerCase(),
        display_name: displayName,
        note: '',
        avatar_file: null,
        department_id: null,
        title: '',
        manager_id: null,
        kind: 'brand',
        last_status_at: null,
        created_at: now,
        updated_at: now,
        suspended_at: null,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', `username: "${username}" is already taken`, { field: 'username' });
    throw error;
  }
  return id;
}

export async function renameBrandAccount(
  tx: Database,
  accountId: number,
  displayName: string,
): Promise<void> {
  await tx.db
    .updateTable('accounts')
    .set({ display_name: checkDisplayName(displayName), updated_at: Date.now() })
    .where('id', '=', accountId)
    .where('kind', '=', 'brand')
    .execute();
}
