/**
 * Two-factor sign-in: enrolment (a TOTP secret confirmed by a first code), ten one-time recovery
 * codes stored as hashes, the second step of signing in, and who has it enabled (brands that
 * publish externally require it of everyone who acts on them).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { AppError, ConflictError, UnauthorizedError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { hashSecret } from '../../domain/tokens.js';
import type { Audit } from '../audit/audit-service.js';
import type { Viewer } from '../auth/viewer.js';
import { base32Encode } from './base32.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Roost';

export type SecondFactorCheck = 'not_enabled' | 'ok' | 'missing' | 'invalid';

export interface TwoFactorStatus {
  enabled: boolean;
  /** A secret was issued by setup but not yet confirmed. */
  pending: boolean;
  recoveryCodesLeft: number;
}

export class TwoFactor {
  constructor(
    private readonly database: Database,
    private readonly audit: Audit,
  ) {}

  async status(userId: number): Promise<TwoFactorStatus> {
    const row = await this.database.db
      .selectFrom('two_factor')
      .select('enabled_at')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const left = await this.database.db
      .selectFrom('two_factor_recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      enabled: row?.enabled_at != null,
      pending: row !== undefined && row.enabled_at === null,
      recoveryCodesLeft: Number(left.n),
    };
  }

  /** Issues a new secret to confirm; replaces an unconfirmed one. 409 when already enabled. */
  async setup(viewer: Viewer, accountLabel: string): Promise<{ secret: string; uri: string }> {
    const secret = newTotpSecret(randomBytes);
    await this.database.transaction(async (tx) => {
      const existing = await tx.db
        .selectFrom('two_factor')
        .select('enabled_at')
        .where('user_id', '=', viewer.userId)
        .executeTakeFirst();
      if (existing?.enabled_at != null)
        throw new ConflictError('Two-factor sign-in is already enabled; disable it first');
      await tx.db.deleteFrom('two_factor').where('user_id', '=', viewer.userId).execute();
      await tx.db
        .insertInto('two_factor')
        .values({ user_id: viewer.userId, secret, enabled_at: null, created_at: Date.now() })
        .execute();
    });
    return { secret, uri: otpauthUri(secret, accountLabel, ISSUER) };
  }

  /** The first code proves the authenticator works: two-factor is on, and the recovery codes are shown once. */
  async confirm(viewer: Viewer, code: string): Promise<string[]> {
    return this.database.transaction(async (tx) => {
      const row = await tx.db
        .selectFrom('two_factor')
        .selectAll()
        .where('user_id', '=', viewer.userId)
        .executeTakeFirst();
      if (!row || row.enabled_at !== null)
        throw new ConflictError('Start with setup: there is no secret waiting for confirmation');
      const step = verifyTotp(row.secret, code);
      if (step === null) throw new ValidationError('code', 'is not the current code from your authenticator');
      const now = Date.now();
      await tx.db
        .updateTable('two_factor')
        .set({ enabled_at: now, last_step: step })
        .where('user_id', '=', viewer.userId)
        .execute();
      await tx.db.deleteFrom('two_factor_recovery_codes').where('user_id', '=', viewer.userId).execute();
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
      await tx.db
        .insertInto('two_factor_recovery_codes')
        .values(
          codes.map((c) => ({
            id: newId(now),
            user_id: viewer.userId,
            code_hash: hashRecoveryCode(c),
            used_at: null,
            created_at: now,
          })),
        )
        .execute();
      await this.audit.record(tx, {
        actorAccountId: viewer.accountId,
        action: 'two_factor.enable',
        subjectType: 'two_factor',
        subjectId: viewer.userId,
        brandId: null,
      });
      return codes;
    });
  }

  /** Turning it off needs a current code or a recovery code. */
  async disable(
    viewer: Viewer,
    proof: { code?: string | undefined; recoveryCode?: string | undefined },
  ): Promise<void> {
    await this.database.transaction(async (tx) => {
      const check = await this.verify(tx, viewer.userId, proof.code ?? proof.recoveryCode);
      if (check === 'not_enabled') throw new ConflictError('Two-factor sign-in is not enabled');
      if (check !== 'ok') throw new ValidationError(proof.code ? 'code' : 'recovery_code', 'is not valid');
      await tx.db.deleteFrom('two_factor').where('user_id', '=', viewer.userId).execute();
      await tx.db.deleteFrom('two_factor_recovery_codes').where('user_id', '=', viewer.userId).execute();
      await this.audit.record(tx, {
        actorAccountId: viewer.accountId,
        action: 'two_factor.disable',
        subjectType: 'two_factor',
        subjectId: viewer.userId,
        brandId: null,
      });
    });
  }

  /** The second step of signing in: a TOTP code (never the same one twice) or an unused recovery code. */
  async checkSignIn(userId: number, otp: string | undefined): Promise<SecondFactorCheck> {
    return this.database.transaction((tx) => this.verify(tx, userId, otp));
  }

  /**
   * For sign-in: throws 401 `otp_required` without a code and 401 `unauthorized` with a wrong
   * one. `endSession` undoes the session the password step already made.
   */
  async requireSecondFactor(
    userId: number,
    otp: string | undefined,
    endSession: () => Promise<void>,
  ): Promise<void> {
    const check = await this.checkSignIn(userId, otp);
    if (check === 'ok' || check === 'not_enabled') return;
    await endSession();
    if (check === 'missing') {
      throw new AppError('otp_required', 'Enter the code from your authenticator app (or a recovery code)', {
        field: 'otp',
      });
    }
    throw new UnauthorizedError('The two-factor code is not valid');
  }

  /** Which of these accounts' people have two-factor sign-in enabled. */
  async enabledAmong(accountIds: number[]): Promise<Set<number>> {
    if (accountIds.length === 0) return new Set();
    const rows = await this.database.db
      .selectFrom('two_factor')
      .innerJoin('users', 'users.id', 'two_factor.user_id')
      .select('users.account_id')
      .where('users.account_id', 'in', [...new Set(accountIds)])
      .where('two_factor.enabled_at', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.account_id));
  }

  private async verify(tx: Database, userId: number, otp: string | undefined): Promise<SecondFactorCheck> {
    const row = await tx.db
      .selectFrom('two_factor')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row || row.enabled_at === null) return 'not_enabled';
    const given = (otp ?? '').trim();
    if (given === '') return 'missing';
    if (/^\d{6}$/.test(given.replace(/\s/g, ''))) {
      const step = verifyTotp(row.secret, given);
      if (step === null || step <= row.last_step) return 'invalid';
      // Conditional: of two sign-ins racing with one code, only one wins.
      const moved = await tx.db
        .updateTable('two_factor')
        .set({ last_step: step })
        .where('user_id', '=', userId)
        .where('last_step', '<', step)
        .executeTakeFirst();
      return Number(moved.numUpdatedRows) === 1 ? 'ok' : 'invalid';
    }
    const used = await tx.db
      .updateTable('two_factor_recovery_codes')
      .set({ used_at: Date.now() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hashRecoveryCode(given))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(used.numUpdatedRows) === 1 ? 'ok' : 'invalid';
  }
}

/** 60 random bits as `xxxx-xxxx-xxxx` (base32, lower case): typed by hand, so no ambiguous symbols. */
function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(8)).slice(0, 12).toLowerCase();
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/** Codes are random with 60 bits, so a fast hash suffices; case and dashes do not matter when typed. */
function hashRecoveryCode(code: string): string {
  return hashSecret(`recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
}
