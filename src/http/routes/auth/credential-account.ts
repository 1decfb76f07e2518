/** Loads and presents the signed-in person's CredentialAccount (verify_credentials, sign-in answers). */
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { presentCredentialAccount } from '../../presenters/account.js';

export async function credentialAccount(ctx: AppContext, accountId: number) {
  const [account, user] = await Promise.all([
    ctx.services.accounts.hydrate([accountId]).then((m) => m.get(accountId)),
    ctx.services.accounts.userOf(accountId),
  ]);
  if (!account || !user) throw new NotFoundError('Account');
  return presentCredentialAccount(account, user, ctx);
}
