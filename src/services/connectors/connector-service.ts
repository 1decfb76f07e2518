/**
 * Connector configuration per brand (owners only): which external destinations a brand publishes
 * to, with their settings and secrets. Secrets are stored for sending and never presented in
 * full — except a webhook secret Roost generated, shown once in the answer that created it.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { BrandConnectorTable } from '../../db/schema.js';
import { AppError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { authorize } from '../../domain/brands/draft-machine.js';
import type { Audit } from '../audit/audit-service.js';
import type { Viewer } from '../auth/viewer.js';
import { workflowStep, type BrandAccess } from '../brands/brand-access.js';
import type { OutboundAllowlist } from './allowlist.js';
import { BlueskyConnector } from './bluesky-connector.js';
import type { Connector, ConnectorKind } from './connector.js';
import { MastodonConnector } from './mastodon-connector.js';
import { WebhookConnector } from './webhook-connector.js';
import { newWebhookSecret, webhookKey } from './webhook-signature.js';

export type ConnectorRow = Selectable<BrandConnectorTable>;

export interface ConnectorRecord {
  id: number;
  brandId: number;
  kind: ConnectorKind;
  name: string;
  settings: Record<string, string>;
  /** The secret's last characters, to tell secrets apart. */
  secretHint: string;
  maxAttempts: number;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface NewConnector {
  kind: ConnectorKind;
  name: string;
  settings: Record<string, string>;
  secret?: string;
  maxAttempts?: number;
  enabled?: boolean;
}

export type ConnectorChange = Partial<Omit<NewConnector, 'kind'>>;

export const DEFAULT_MAX_ATTEMPTS = 8;
const SETTINGS: Record<ConnectorKind, string[]> = {
  webhook: ['url'],
  mastodon: ['base_url', 'visibility'],
  bluesky: ['service', 'identifier'],
};
const REQUIRED: Record<ConnectorKind, string[]> = {
  webhook: ['url'],
  mastodon: ['base_url'],
  bluesky: ['service', 'identifier'],
};

export class Connectors {
  constructor(
    private readonly database: Database,
    private readonly access: BrandAccess,
    private readonly audit: Audit,
    private readonly allowlist: OutboundAllowlist,
  ) {}

  async list(viewer: Viewer, brandId: number): Promise<ConnectorRecord[]> {
    await this.access.load(viewer, brandId);
    const rows = await this.database.db
      .selectFrom('brand_connectors')
      .selectAll()
      .where('brand_id', '=', brandId)
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  /** Returns the record and, when Roost generated the webhook secret, that secret (shown this once). */
  async create(
    viewer: Viewer,
    brandId: number,
    input: NewConnector,
  ): Promise<{ connector: ConnectorRecord; secret: string | null }> {
    const settings = checkSettings(input.kind, input.settings);
    const generated = input.kind === 'webhook' && !input.secret ? newWebhookSecret() : null;
    const secret = checkSecret(input.kind, input.secret ?? generated ?? '');
    const maxAttempts = checkAttempts(input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const name = checkName(input.name);
    const person = await this.access.person(viewer);
    const id = await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { brand, actor, facts } = await this.access.load(viewer, brandId, tx, { lock: true, person });
        authorize(actor, 'manage_connectors', facts);
        if (!brand.external)
          throw new AppError('conflict', 'This brand does not publish externally', {
            reason: 'internal_brand',
          });
        const now = Date.now();
        const id = newId(now);
        await tx.db
          .insertInto('brand_connectors')
          .values({
            id,
            brand_id: brandId,
            kind: input.kind,
            name,
            settings: JSON.stringify(settings),
            secret,
            max_attempts: maxAttempts,
            enabled: input.enabled === false ? 0 : 1,
            created_by: viewer.accountId,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action: 'connector.create',
          subjectType: 'connector',
          subjectId: id,
          brandId,
          after: {
            kind: input.kind,
            name,
            settings,
            max_attempts: maxAttempts,
            enabled: input.enabled !== false,
          },
        });
        return id;
      }),
    );
    return { connector: toRecord(await this.row(this.database, brandId, id)), secret: generated };
  }

  async update(
    viewer: Viewer,
    brandId: number,
    id: number,
    change: ConnectorChange,
  ): Promise<ConnectorRecord> {
    const person = await this.access.person(viewer);
    await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { actor, facts } = await this.access.load(viewer, brandId, tx, { lock: true, person });
        authorize(actor, 'manage_connectors', facts);
        const row = await this.row(tx, brandId, id);
        const kind = row.kind;
        const settings = change.settings
          ? checkSettings(kind, change.settings)
          : (JSON.parse(row.settings) as Record<string, string>);
        const values = {
          name: change.name !== undefined ? checkName(change.name) : row.name,
          settings: JSON.stringify(settings),
          secret: change.secret !== undefined ? checkSecret(kind, change.secret) : row.secret,
          max_attempts:
            change.maxAttempts !== undefined ? checkAttempts(change.maxAttempts) : row.max_attempts,
          enabled: change.enabled === undefined ? row.enabled : change.enabled ? 1 : 0,
          updated_at: Date.now(),
        };
        await tx.db.updateTable('brand_connectors').set(values).where('id', '=', id).execute();
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action: 'connector.update',
          subjectType: 'connector',
          subjectId: id,
          brandId,
          before: {
            name: row.name,
            settings: JSON.parse(row.settings),
            max_attempts: row.max_attempts,
            enabled: row.enabled === 1,
          },
          after: {
            name: values.name,
            settings,
            max_attempts: values.max_attempts,
            enabled: values.enabled === 1,
            secret_changed: change.secret !== undefined,
          },
        });
      }),
    );
    return toRecord(await this.row(this.database, brandId, id));
  }

  /** Removes a connector; what it already delivered stays recorded. */
  async remove(viewer: Viewer, brandId: number, id: number): Promise<void> {
    const person = await this.access.person(viewer);
    await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { actor, facts } = await this.access.load(viewer, brandId, tx, { lock: true, person });
        authorize(actor, 'manage_connectors', facts);
        const row = await this.row(tx, brandId, id);
        await tx.db.deleteFrom('brand_connectors').where('id', '=', id).execute();
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action: 'connector.delete',
          subjectType: 'connector',
          subjectId: id,
          brandId,
          before: { kind: row.kind, name: row.name, settings: JSON.parse(row.settings) },
        });
      }),
    );
  }

  async enabledFor(db: Database, brandId: number): Promise<ConnectorRow[]> {
    return db.db
      .selectFrom('brand_connectors')
      .selectAll()
      .where('brand_id', '=', brandId)
      .where('enabled', '=', 1)
      .orderBy('id')
      .execute();
  }

  async byId(db: Database, id: number): Promise<ConnectorRow | null> {
    return (
      (await db.db.selectFrom('brand_connectors').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
    );
  }

  /** The live connector for a stored configuration. */
  instantiate(row: ConnectorRow): Connector {
    const settings = JSON.parse(row.settings) as Record<string, string>;
    const policy = () => this.allowlist.policy();
    switch (row.kind) {
      case 'webhook':
        return new WebhookConnector({ url: settings.url! }, row.secret, policy);
      case 'mastodon':
        return new MastodonConnector(
          {
            baseUrl: settings.base_url!,
            ...(settings.visibility === 'unlisted' ? { visibility: 'unlisted' as const } : {}),
          },
          row.secret,
          policy,
        );
      case 'bluesky':
        return new BlueskyConnector(
          { service: settings.service!, identifier: settings.identifier! },
          row.secret,
          policy,
        );
    }
  }

  private async row(db: Database, brandId: number, id: number): Promise<ConnectorRow> {
    const row = await this.byId(db, id);
    if (!row || row.brand_id !== brandId) throw new NotFoundError('Connector');
    return row;
  }
}

export function toRecord(row: ConnectorRow): ConnectorRecord {
  return {
    id: row.id,
    brandId: row.brand_id,
    kind: row.kind,
    name: row.name,
    settings: JSON.parse(row.settings) as Record<string, string>,
    secretHint: hint(row.secret),
    maxAttempts: row.max_attempts,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function hint(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  return `${prefix}…${secret.slice(-4)}`;
}

function checkName(name: string): string {
  const value = name.trim();
  if (value === '' || value.length > 100) throw new ValidationError('name', 'must be 1–100 characters');
  return value;
}

function checkAttempts(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 20)
    throw new ValidationError('max_attempts', 'must be a whole number from 1 to 20');
  return n;
}

function checkSettings(kind: ConnectorKind, settings: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!SETTINGS[kind].includes(key))
      throw new ValidationError(`settings.${key}`, `is not a ${kind} setting`);
    out[key] = value.trim();
  }
  for (const key of REQUIRED[kind])
    if (!out[key]) throw new ValidationError(`settings.${key}`, 'is required');
  for (const key of ['url', 'base_url', 'service']) {
    if (out[key] === undefined) continue;
    let url: URL;
    try {
      url = new URL(out[key]!);
    } catch {
      throw new ValidationError(`settings.${key}`, 'must be an absolute http(s) URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ValidationError(`settings.${key}`, 'must be an absolute http(s) URL');
  }
  if (out.visibility !== undefined && !['public', 'unlisted'].includes(out.visibility)) {
    throw new ValidationError('settings.visibility', 'must be public or unlisted');
  }
  return out;
}

function checkSecret(kind: ConnectorKind, secret: string): string {
  const value = secret.trim();
  if (kind === 'webhook') {
    if (!webhookKey(value))
      throw new ValidationError('secret', 'must be whsec_ followed by at least 16 base64-encoded bytes');
    return value;
  }
  if (value === '' || value.length > 2000)
    throw new ValidationError(
      'secret',
      kind === 'mastodon' ? 'must be the access token' : 'must be the app password',
    );
  return value;
}
