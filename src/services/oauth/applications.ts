/**
 * OAuth applications (clients): registered by anyone through POST /api/v1/apps, as on Mastodon.
 * The client secret is shown once at registration; only its hash is kept and it is compared in
 * constant time. Deleting an application revokes every token it was given.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { OAuthApplicationTable } from '../../db/schema.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { hashSecret, newSecret } from '../../domain/tokens.js';
import { OAuthError } from './errors.js';
import { parseRedirectUris } from './redirect-uris.js';
import { DEFAULT_SCOPES, scopesCovered, splitScopes, unknownScopes } from './scopes.js';

export interface OAuthApplication {
  id: number;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  createdAt: number;
}

export interface NewApplication {
  name: string;
  redirectUris: string | string[];
  scopes?: string | string[] | null;
  website?: string | null;
}

const NAME_MAX = 100;
const WEBSITE_MAX = 2000;
const COLUMNS = ['id', 'name', 'website', 'redirect_uris', 'scopes', 'client_id', 'created_at'] as const;

type ApplicationRow = Pick<OAuthApplicationTable, (typeof COLUMNS)[number]>;

export class OAuthApplications {
  constructor(private readonly database: Database) {}

  /** Registers a client; the returned secret is the only copy there will ever be. */
  async register(input: NewApplication): Promise<{ application: OAuthApplication; clientSecret: string }> {
    const name = input.name.trim();
    if (!name) throw new ValidationError('client_name', 'is required');
    if ([...name].length > NAME_MAX)
      throw new ValidationError('client_name', `must be at most ${NAME_MAX} characters`);
    const redirectUris = parseRedirectUris(input.redirectUris);
    const scopes = splitScopes(input.scopes);
    const unknown = unknownScopes(scopes);
    if (unknown.length > 0) throw new ValidationError('scopes', `unknown scope "${unknown[0]}"`);
    const website = checkWebsite(input.website);
    const clientSecret = newSecret();
    const now = Date.now();
    const row: ApplicationRow = {
      id: newId(now),
      name,
      website,
      redirect_uris: redirectUris.join('\n'),
      scopes: (scopes.length > 0 ? scopes : DEFAULT_SCOPES).join(' '),
      client_id: newSecret(),
      created_at: now,
    };
    await this.database.db
      .insertInto('oauth_applications')
      .values({ ...row, client_secret_hash: hashSecret(clientSecret) })
      .execute();
    return { application: toApplication(row), clientSecret };
  }

  async byClientId(clientId: string): Promise<OAuthApplication | null> {
    const row = await this.database.db
      .selectFrom('oauth_applications')
      .select(COLUMNS)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? toApplication(row) : null;
  }

  async get(id: number): Promise<OAuthApplication> {
    const row = await this.database.db
      .selectFrom('oauth_applications')
      .select(COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Application');
    return toApplication(row);
  }

  /** The client behind a client_id and client_secret, or `invalid_client` (401). */
  async authenticate(
    clientId: string | undefined,
    clientSecret: string | undefined,
  ): Promise<OAuthApplication> {
    const failure = new OAuthError(
      'invalid_client',
      'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
    );
    if (!clientId || !clientSecret) throw failure;
    const row = await this.database.db
      .selectFrom('oauth_applications')
      .select([...COLUMNS, 'client_secret_hash'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    const given = Buffer.from(hashSecret(clientSecret));
    // Compare against something even for unknown clients, so timing says nothing about which exist.
    const stored = Buffer.from(row?.client_secret_hash ?? hashSecret(`unknown:${clientSecret}`));
    const matches = given.length === stored.length && timingSafeEqual(given, stored);
    if (!row || !matches) throw failure;
    return toApplication(row);
  }

  /** Deletes an application: its codes, refresh and app tokens go with it, and its people's access tokens are revoked. */
  async delete(id: number): Promise<void> {
    await this.database.transaction(async (tx) => {
      const found = await tx.db
        .selectFrom('oauth_applications')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!found) throw new NotFoundError('Application');
      await tx.db
        .updateTable('access_tokens')
        .set({ revoked_at: Date.now() })
        .where('application_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      await tx.db.deleteFrom('oauth_applications').where('id', '=', id).execute();
    });
  }
}

/** The scopes a client gets when it names none: Mastodon's `read`, or the app's own when it may not read. */
export function defaultScopesFor(application: OAuthApplication): string[] {
  return scopesCovered(application.scopes, DEFAULT_SCOPES) ? [...DEFAULT_SCOPES] : [...application.scopes];
}

function checkWebsite(value: string | null | undefined): string | null {
  const website = value?.trim();
  if (!website) return null;
  if (website.length > WEBSITE_MAX)
    throw new ValidationError('website', `must be at most ${WEBSITE_MAX} characters`);
  let url: URL;
  try {
    url = new URL(website);
  } catch {
    throw new ValidationError('website', 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ValidationError('website', 'must be an absolute http or https URL');
  return website;
}

function toApplication(row: ApplicationRow): OAuthApplication {
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    redirectUris: row.redirect_uris.split('\n').filter(Boolean),
    scopes: row.scopes.split(' ').filter(Boolean),
    clientId: row.client_id,
    createdAt: row.created_at,
  };
}
