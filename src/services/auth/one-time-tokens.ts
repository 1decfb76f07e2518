/**
 * One-time tokens (invites, sign-in links): a random secret handed out once, stored as a hash,
 * consumed atomically so that two simultaneous uses cannot both succeed.
 */
import type { Database } from '../../db/database.js';
import type { OneTimeTokenPurpose, UserRole } from '../../db/schema.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { hashSecret, newSecret } from '../../domain/tokens.js';

/** A link that existed but ran out of time; the HTTP layer answers 410 Gone. */
export class ExpiredLinkError extends AppError {
  override name = 'ExpiredLinkError';
  constructor(what: string) {
    super('not_found', `${what} has expired`, { reason: 'expired' });
  }
}

export interface OneTimeTokenRow {
  id: number;
  purpose: OneTimeTokenPurpose;
  user_id: number | null;
  email: string | null;
  role: UserRole | null;
  created_by: number | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

const LABEL: Record<OneTimeTokenPurpose, string> = { invite: 'Invite', sign_in: 'Sign-in link' };

export async function createOneTimeToken(
  db: Database,
  input: {
    purpose: OneTimeTokenPurpose;
    lifetime: number;
    userId?: number | null;
    email?: string | null;
    role?: UserRole | null;
    createdBy?: number | null;
  },
): Promise<{ id: number; secret: string; expiresAt: number }> {
  const secret = newSecret();
  const now = Date.now();
  const id = newId(now);
  const expiresAt = now + input.lifetime;
  await db.db
    .insertInto('one_time_tokens')
    .values({
      id,
      token_hash: hashSecret(secret),
      purpose: input.purpose,
      user_id: input.userId ?? null,
      email: input.email ?? null,
      role: input.role ?? null,
      created_by: input.createdBy ?? null,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { id, secret, expiresAt };
}

/** The unused token for a secret: 404 when unknown or used, 410 (ExpiredLinkError) when expired. */
export async function findOneTimeToken(
  db: Database,
  secret: string,
  purpose: OneTimeTokenPurpose,
): Promise<OneTimeTokenRow> {
  const row = await db.db
    .selectFrom('one_time_tokens')
    .select([
      'id',
      'purpose',
      'user_id',
      'email',
      'role',
      'created_by',
      'created_at',
      'expires_at',
      'used_at',
    ])
    .where('token_hash', '=', hashSecret(secret))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at !== null) throw new NotFoundError(LABEL[purpose]);
  if (row.expires_at <= Date.now()) throw new ExpiredLinkError(LABEL[purpose]);
  return row;
}

/** Marks the token used inside `tx`; only one of two racing consumers gets past the conditional update. */
export async function consumeOneTimeToken(
  tx: Database,
  secret: string,
  purpose: OneTimeTokenPurpose,
): Promise<OneTimeTokenRow> {
  tx.assertTransaction();
  const row = await findOneTimeToken(tx, secret, purpose);
  const now = Date.now();
  const result = await tx.db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError(LABEL[purpose]);
  return { ...row, used_at: now };
}
