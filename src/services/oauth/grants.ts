/**
 * The grants: an authorization code for a person who approved an application, and the token
 * endpoint's exchanges — code (once, within ten minutes, bound to its client, redirect URI and PKCE
 * verifier), refresh token (rotated on every use) and client credentials (an app-only token).
 * Replaying a code or a rotated refresh token revokes every token descended from that code.
 */
import type { Database } from '../../db/database.js';
import { newId } from '../../domain/ids.js';
import { hashSecret, newSecret } from '../../domain/tokens.js';
import { defaultScopesFor, type OAuthApplication } from './applications.js';
import type { AuthorizationRequest } from './authorization-request.js';
import { OAuthError } from './errors.js';
import { verifierMatches } from './pkce.js';
import { scopesCovered, splitScopes, unknownScopes } from './scopes.js';
import { insertAccessToken, insertRefreshToken, revokeAccessTokens, revokeGrant } from './token-rows.js';

export const CODE_LIFETIME = 10 * 60 * 1000;

export interface IssuedToken {
  accessToken: string;
  /** Null for app-only tokens, which are not refreshed. */
  refreshToken: string | null;
  scopes: string[];
  createdAt: number;
}

const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

type Outcome = { ok: true; token: IssuedToken } | { ok: false; error: OAuthError };

export class OAuthGrants {
  constructor(private readonly database: Database) {}

  /** Records an approved request; the returned code is the only copy. */
  async createCode(userId: number, request: AuthorizationRequest): Promise<string> {
    const code = newSecret();
    const now = Date.now();
    await this.database.db
      .insertInto('oauth_authorization_codes')
      .values({
        id: newId(now),
        code_hash: hashSecret(code),
        application_id: request.application.id,
        user_id: userId,
        redirect_uri: request.redirectUri,
        scopes: request.scopes.join(' '),
        code_challenge: request.codeChallenge,
        created_at: now,
        used_at: null,
      })
      .execute();
    return code;
  }

  async exchangeCode(
    client: OAuthApplication,
    input: { code?: string | undefined; redirectUri?: string | undefined; codeVerifier?: string | undefined },
  ): Promise<IssuedToken> {
    if (!input.code) throw new OAuthError('invalid_request', 'The code parameter is missing.');
    if (!input.redirectUri) throw new OAuthError('invalid_request', 'The redirect_uri parameter is missing.');
    const { code, redirectUri, codeVerifier } = input;
    const outcome = await this.database.transaction(async (tx): Promise<Outcome> => {
      const now = Date.now();
      const row = await tx.db
        .selectFrom('oauth_authorization_codes')
        .select([
          'id',
          'application_id',
          'user_id',
          'redirect_uri',
          'scopes',
          'code_challenge',
          'created_at',
          'used_at',
        ])
        .where('code_hash', '=', hashSecret(code))
        .executeTakeFirst();
      if (!row || row.application_id !== client.id) return invalidGrant();
      if (row.used_at !== null) {
        // A second use means the code leaked: whoever holds tokens from it may not be the client.
        await revokeGrant(tx, row.id, now);
        return invalidGrant();
      }
      if (row.created_at + CODE_LIFETIME <= now) return invalidGrant();
      if (row.redirect_uri !== redirectUri) return invalidGrant();
      if (
        row.code_challenge !== null
          ? !codeVerifier || !verifierMatches(codeVerifier, row.code_challenge)
          : codeVerifier !== undefined
      ) {
        return invalidGrant();
      }
      if (!(await userIsActive(tx, row.user_id))) return invalidGrant();
      const consumed = await tx.db
        .updateTable('oauth_authorization_codes')
        .set({ used_at: now })
        .where('id', '=', row.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(consumed.numUpdatedRows) !== 1) return invalidGrant();
      const scopes = splitScopes(row.scopes);
      return { ok: true, token: await issuePair(tx, client, row.user_id, scopes, row.id, now) };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.token;
  }

  /** Rotates a refresh token: the old one and its access token stop working, a new pair is issued. */
  async refresh(
    client: OAuthApplication,
    input: { refreshToken?: string | undefined; scope?: string | undefined },
  ): Promise<IssuedToken> {
    if (!input.refreshToken)
      throw new OAuthError('invalid_request', 'The refresh_token parameter is missing.');
    const refreshToken = input.refreshToken;
    const requested = splitScopes(input.scope);
    const unknown = unknownScopes(requested);
    if (unknown.length > 0) throw new OAuthError('invalid_scope', `The scope "${unknown[0]}" is unknown.`);
    const outcome = await this.database.transaction(async (tx): Promise<Outcome> => {
      const now = Date.now();
      const row = await tx.db
        .selectFrom('oauth_refresh_tokens')
        .select([
          'id',
          'application_id',
          'user_id',
          'access_token_id',
          'grant_id',
          'scopes',
          'used_at',
          'revoked_at',
        ])
        .where('token_hash', '=', hashSecret(refreshToken))
        .executeTakeFirst();
      if (!row || row.application_id !== client.id || row.revoked_at !== null) return invalidGrant();
      if (row.used_at !== null) {
        // A rotated-out token came back: someone else holds a copy of the chain.
        await revokeGrant(tx, row.grant_id, now);
        return invalidGrant();
      }
      if (!(await userIsActive(tx, row.user_id))) return invalidGrant();
      const granted = splitScopes(row.scopes);
      const scopes = requested.length > 0 ? requested : granted;
      if (!scopesCovered(granted, scopes)) {
        return {
          ok: false,
          error: new OAuthError('invalid_scope', 'The requested scope is more than was granted.'),
        };
      }
      const rotated = await tx.db
        .updateTable('oauth_refresh_tokens')
        .set({ used_at: now })
        .where('id', '=', row.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(rotated.numUpdatedRows) !== 1) return invalidGrant();
      await revokeAccessTokens(tx, [row.access_token_id], now);
      return { ok: true, token: await issuePair(tx, client, row.user_id, scopes, row.grant_id, now) };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.token;
  }

  /** An app-only token: it names the application, not a person, so only app endpoints accept it. */
  async clientCredentials(
    client: OAuthApplication,
    input: { scope?: string | undefined },
  ): Promise<IssuedToken> {
    const requested = splitScopes(input.scope);
    const unknown = unknownScopes(requested);
    if (unknown.length > 0) throw new OAuthError('invalid_scope', `The scope "${unknown[0]}" is unknown.`);
    const scopes = requested.length > 0 ? requested : defaultScopesFor(client);
    if (!scopesCovered(client.scopes, scopes)) {
      throw new OAuthError('invalid_scope', 'The requested scope is more than the application registered.');
    }
    const secret = newSecret(APP_TOKEN_PREFIX);
    const now = Date.now();
    await this.database.db
      .insertInto('oauth_app_tokens')
      .values({
        id: newId(now),
        token_hash: hashSecret(secret),
        application_id: client.id,
        scopes: scopes.join(' '),
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { accessToken: secret, refreshToken: null, scopes, createdAt: now };
  }
}

/** App-only tokens carry their own prefix so the authentication hook can tell them from people's tokens without a query. */
export const APP_TOKEN_PREFIX = 'roostapp_';

function invalidGrant(): Outcome {
  return { ok: false, error: new OAuthError('invalid_grant', INVALID_GRANT) };
}

async function issuePair(
  tx: Database,
  client: OAuthApplication,
  userId: number,
  scopes: string[],
  grantId: number,
  now: number,
): Promise<IssuedToken> {
  const access = await insertAccessToken(tx, {
    userId,
    applicationId: client.id,
    name: client.name,
    scopes,
    now,
  });
  const refreshToken = await insertRefreshToken(tx, {
    userId,
    applicationId: client.id,
    accessTokenId: access.id,
    grantId,
    scopes,
    now,
  });
  return { accessToken: access.secret, refreshToken, scopes, createdAt: now };
}

async function userIsActive(tx: Database, userId: number): Promise<boolean> {
  const row = await tx.db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select('users.id')
    .where('users.id', '=', userId)
    .where('users.disabled_at', 'is', null)
    .where('accounts.suspended_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
