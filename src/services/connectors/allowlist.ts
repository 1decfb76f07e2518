/**
 * The outbound allow-list: destinations administrators permit although they resolve to private or
 * loopback addresses (an on-premises Mastodon, a test receiver). Entries are host names, IP
 * addresses or CIDR ranges. Changes are audited.
 */
import { BlockList, isIP } from 'node:net';
import type { Database } from '../../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Audit } from '../audit/audit-service.js';
import type { Viewer } from '../auth/viewer.js';
import { isUniqueViolation } from '../accounts/unique-violation.js';
import type { AddressPolicy } from './outbound-http.js';

export interface AllowlistEntry {
  id: number;
  host: string;
  createdBy: number | null;
  createdAt: number;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export class OutboundAllowlist {
  constructor(
    private readonly database: Database,
    private readonly audit: Audit,
  ) {}

  async list(): Promise<AllowlistEntry[]> {
    const rows = await this.database.db.selectFrom('outbound_allowlist').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, host: r.host, createdBy: r.created_by, createdAt: r.created_at }));
  }

  async add(viewer: Viewer, host: string): Promise<AllowlistEntry> {
    if (viewer.role !== 'admin')
      throw new ForbiddenError('Only administrators change the outbound allow-list');
    const value = normaliseEntry(host);
    const now = Date.now();
    const id = newId(now);
    try {
      await this.database.transaction(async (tx) => {
        await tx.db
          .insertInto('outbound_allowlist')
          .values({ id, host: value, created_by: viewer.accountId, created_at: now })
          .execute();
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action: 'allowlist.add',
          subjectType: 'allowlist',
          subjectId: id,
          brandId: null,
          after: { host: value },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`${value} is already allow-listed`);
      throw error;
    }
    return { id, host: value, createdBy: viewer.accountId, createdAt: now };
  }

  async remove(viewer: Viewer, id: number): Promise<void> {
    if (viewer.role !== 'admin')
      throw new ForbiddenError('Only administrators change the outbound allow-list');
    await this.database.transaction(async (tx) => {
      const row = await tx.db
        .selectFrom('outbound_allowlist')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('Allow-list entry');
      await tx.db.deleteFrom('outbound_allowlist').where('id', '=', id).execute();
      await this.audit.record(tx, {
        actorAccountId: viewer.accountId,
        action: 'allowlist.remove',
        subjectType: 'allowlist',
        subjectId: id,
        brandId: null,
        before: { host: row.host },
      });
    });
  }

  /** The allow-list as it stands now, for one request. */
  async policy(): Promise<AddressPolicy> {
    return policyFor((await this.list()).map((e) => e.host));
  }
}

export function policyFor(entries: string[]): AddressPolicy {
  const names = new Set<string>();
  const ranges = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0) names.add(entry);
    else if (prefix === undefined) ranges.addAddress(address!, family === 4 ? 'ipv4' : 'ipv6');
    else ranges.addSubnet(address!, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    allows(hostname, address) {
      if (names.has(hostname.toLowerCase())) return true;
      const family = isIP(address);
      return family !== 0 && ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** A host name, an IP address, or a CIDR range; 400 naming `host` otherwise. */
export function normaliseEntry(host: string): string {
  const value = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  const [address, prefix, extra] = value.split('/');
  const family = isIP(address ?? '');
  if (family !== 0 && extra === undefined) {
    if (prefix === undefined) return value;
    const bits = Number(prefix);
    if (/^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128)) return value;
    throw new ValidationError('host', 'has an invalid prefix length');
  }
  if (HOSTNAME.test(value)) return value;
  throw new ValidationError('host', 'must be a host name, an IP address or a CIDR range');
}
