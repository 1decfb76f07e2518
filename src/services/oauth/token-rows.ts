/**
 * The token rows an OAuth grant writes and revokes, always inside the caller's transaction so that a
 * code is never consumed without its tokens, nor a chain half revoked. Access tokens go into the
 * shared `access_tokens` table in the same form `Credentials.createAccessToken` writes, so
 * `Credentials.viewerFromToken` resolves them like any other bearer token.
 */
import type { Database } from '../../db/database.js';
import { newId } from '../../domain/ids.js';
import { hashSecret, newSecret } from '../../domain/tokens.js';

export async function insertAccessToken(
  tx: Database,
  input: { userId: number; applicationId: number; name: string; scopes: readonly string[]; now: number },
): Promise<{ secret: string; id: number }> {
  tx.assertTransaction();
  const secret = newSecret('roost_');
  const id = newId(input.now);
  await tx.db
    .insertInto('access_tokens')
    .values({
      id,
      user_id: input.userId,
      token_hash: hashSecret(secret),
      name: input.name.slice(0, 200),
      scopes: input.scopes.join(' '),
      application_id: input.applicationId,
      created_at: input.now,
      last_used_at: null,
      revoked_at: null,
      expires_at: null,
    })
    .execute();
  return { secret, id };
}

export async function insertRefreshToken(
  tx: Database,
  input: {
    userId: number;
    applicationId: number;
    accessTokenId: number;
    grantId: number;
    scopes: readonly string[];
    now: number;
  },
): Promise<string> {
  tx.assertTransaction();
  const secret = newSecret('roostrt_');
  await tx.db
    .insertInto('oauth_refresh_tokens')
    .values({
      id: newId(input.now),
      token_hash: hashSecret(secret),
      application_id: input.applicationId,
      user_id: input.userId,
      access_token_id: input.accessTokenId,
      grant_id: input.grantId,
      scopes: input.scopes.join(' '),
      created_at: input.now,
      used_at: null,
      revoked_at: null,
    })
    .execute();
  return secret;
}

/** Revokes every access and refresh token descended from one authorization code. */
export async function revokeGrant(tx: Database, grantId: number, now: number): Promise<void> {
  tx.assertTransaction();
  const rows = await tx.db
    .selectFrom('oauth_refresh_tokens')
    .select('access_token_id')
    .where('grant_id', '=', grantId)
    .execute();
  await revokeAccessTokens(
    tx,
    rows.map((r) => r.access_token_id),
    now,
  );
  await tx.db
    .updateTable('oauth_refresh_tokens')
    .set({ revoked_at: now })
    .where('grant_id', '=', grantId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeAccessTokens(tx: Database, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await tx.db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('id', 'in', [...ids])
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Revokes what applications hold for a person: access and refresh tokens, and codes not yet
 * exchanged. Limited to one application when `applicationId` is given; personal tokens (no
 * application) are left alone. Answers how many live access or refresh tokens it revoked.
 */
export async function revokeUserApplicationTokens(
  tx: Database,
  userId: number,
  applicationId: number | null,
  now: number,
): Promise<number> {
  tx.assertTransaction();
  let access = tx.db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  access =
    applicationId === null
      ? access.where('application_id', 'is not', null)
      : access.where('application_id', '=', applicationId);
  const accessResult = await access.executeTakeFirst();

  let refresh = tx.db
    .updateTable('oauth_refresh_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('used_at', 'is', null);
  if (applicationId !== null) refresh = refresh.where('application_id', '=', applicationId);
  const refreshResult = await refresh.executeTakeFirst();

  let codes = tx.db
    .updateTable('oauth_authorization_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null);
  if (applicationId !== null) codes = codes.where('application_id', '=', applicationId);
  await codes.execute();

  return Number(accessResult.numUpdatedRows) + Number(refreshResult.numUpdatedRows);
}
