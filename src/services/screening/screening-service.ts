/**
 * Screening in the product: the versioned policy (stored in `screening_policies`; the highest
 * version is current, none stored means the built-in default, version 0), compiled once and kept
 * in memory, and screening of texts with it.
 *
 * Across processes: each process re-checks `max(version)` at most once per `maxStalenessMs`
 * (1 s by default) before screening, and recompiles only when the version moved. A version saved
 * by any process therefore takes effect everywhere within about a second; the process that saved
 * it uses it at once.
 */
import type { Database } from '../../db/database.js';
import { ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import {
  compilePolicy,
  defaultPolicy,
  parsePolicyDocument,
  PolicyError,
  screen,
  type Audience,
  type CompiledPolicy,
  type PolicyDocument,
  type ScreeningResult,
} from '../../screening/index.js';
import { isUniqueViolation } from '../accounts/unique-violation.js';
import type { Viewer } from '../auth/viewer.js';
import { policyChanges, type PolicyChanges } from './policy-changes.js';
import { screenPostTexts, type PostScreening, type PostTexts } from './post-screening.js';

export interface PolicyVersion {
  version: number;
  document: PolicyDocument;
  /** Null for the built-in default (version 0). */
  createdAt: number | null;
  createdByUserId: number | null;
  createdByAccountId: number | null;
  note: string;
}

export interface PolicyVersionWithChanges extends PolicyVersion {
  /** What this version changed compared with the one before it (the default for version 1). */
  changes: PolicyChanges;
}

export interface ScreeningSettings {
  /** How old the in-memory policy may get before the stored version is checked again. */
  maxStalenessMs: number;
}

interface LoadedPolicy {
  version: number;
  compiled: CompiledPolicy;
  checkedAt: number;
}

/** The longest note kept with a version. */
export const MAX_NOTE_LENGTH = 500;

export class ScreeningService {
  readonly settings: ScreeningSettings;
  private loaded: LoadedPolicy | null = null;
  private loading: Promise<LoadedPolicy> | null = null;

  constructor(
    private readonly database: Database,
    settings: Partial<ScreeningSettings> = {},
  ) {
    this.settings = { maxStalenessMs: 1000, ...settings };
  }

  /** Screens one text with the current policy (the composer's dry run). */
  async check(text: string, audience: Audience): Promise<ScreeningResult & { policyVersion: number }> {
    const policy = await this.current();
    return { ...screen(text, audience, policy.compiled), policyVersion: policy.version };
  }

  /** Screens a post's body and content warning with the current policy. */
  async screenPost(texts: PostTexts, audience: Audience): Promise<PostScreening> {
    const policy = await this.current();
    return screenPostTexts(texts, audience, policy.compiled, policy.version);
  }

  /** The current policy version and its document. */
  async currentVersion(): Promise<PolicyVersion> {
    const latest = await this.database.db
      .selectFrom('screening_policies')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest ? toVersion(latest) : defaultVersion();
  }

  /** One version; version 0 is the built-in default. Null when there is no such version. */
  async version(version: number): Promise<PolicyVersionWithChanges | null> {
    if (version === 0)
      return { ...defaultVersion(), changes: policyChanges(defaultPolicy(), defaultPolicy()) };
    const rows = await this.database.db
      .selectFrom('screening_policies')
      .selectAll()
      .where('version', '<=', version)
      .orderBy('version', 'desc')
      .limit(2)
      .execute();
    const [row, previous] = rows;
    if (!row || row.version !== version) return null;
    const current = toVersion(row);
    const before = previous ? toVersion(previous).document : defaultPolicy();
    return { ...current, changes: policyChanges(before, current.document) };
  }

  /** The stored versions, newest first, each with what it changed. */
  async versions(limit = 100): Promise<PolicyVersionWithChanges[]> {
    // One extra row: the oldest listed version is compared with the one before it.
    const rows = await this.database.db
      .selectFrom('screening_policies')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(limit + 1)
      .execute();
    const versions = rows.map(toVersion);
    return versions.slice(0, limit).map((version, index) => {
      const before =
        versions[index + 1]?.document ?? (version.version === 1 ? defaultPolicy() : version.document);
      return { ...version, changes: policyChanges(before, version.document) };
    });
  }

  /**
   * Saves a new version (admins). The document is validated first: a bad one is a 400 naming the
   * field (`document.lists.codenames[2]`) and nothing is written.
   */
  async update(
    viewer: Pick<Viewer, 'userId' | 'accountId'>,
    input: unknown,
    note: string,
  ): Promise<PolicyVersion> {
    const document = parseDocument(input);
    const compiled = compilePolicy(document);
    const text = JSON.stringify(document);
    const trimmedNote = note.trim().slice(0, MAX_NOTE_LENGTH);
    // Two admins saving at once: the loser of the unique version takes the next number.
    for (let attempt = 0; ; attempt++) {
      try {
        const saved = await this.database.transaction(async (tx) => {
          const top = await tx.db
            .selectFrom('screening_policies')
            .select((eb) => eb.fn.max('version').as('version'))
            .executeTakeFirst();
          const version = Number(top?.version ?? 0) + 1;
          const now = Date.now();
          const row = {
            id: newId(now),
            version,
            document: text,
            created_by: viewer.userId,
            created_by_account_id: viewer.accountId,
            created_at: now,
            note: trimmedNote,
          };
          await tx.db.insertInto('screening_policies').values(row).execute();
          return row;
        });
        this.loaded = { version: saved.version, compiled, checkedAt: Date.now() };
        return toVersion(saved);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 4) throw error;
      }
    }
  }

  /** The compiled current policy, re-checking the stored version when the cached one is older than allowed. */
  private async current(): Promise<LoadedPolicy> {
    const loaded = this.loaded;
    if (loaded && Date.now() - loaded.checkedAt < this.settings.maxStalenessMs) return loaded;
    // Concurrent callers share one check.
    this.loading ??= this.refresh().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async refresh(): Promise<LoadedPolicy> {
    const checkedAt = Date.now();
    const top = await this.database.db
      .selectFrom('screening_policies')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    const version = Number(top?.version ?? 0);
    if (this.loaded && this.loaded.version === version) {
      this.loaded = { ...this.loaded, checkedAt };
      return this.loaded;
    }
    const stored =
      version === 0
        ? undefined
        : await this.database.db
            .selectFrom('screening_policies')
            .selectAll()
            .where('version', '=', version)
            .executeTakeFirst();
    const document = stored ? toVersion(stored).document : defaultPolicy();
    this.loaded = { version: stored ? version : 0, compiled: compilePolicy(document), checkedAt };
    return this.loaded;
  }
}

/** Turns a PolicyError into a 400 that names the request field. */
export function parseDocument(input: unknown): PolicyDocument {
  try {
    return parsePolicyDocument(input);
  } catch (error) {
    if (error instanceof PolicyError) {
      const field = error.field === 'policy' ? 'document' : `document.${error.field}`;
      const reason = error.message.startsWith(`${error.field}: `)
        ? error.message.slice(error.field.length + 2)
        : error.message;
      throw new ValidationError(field, reason);
    }
    throw error;
  }
}

function defaultVersion(): PolicyVersion {
  return {
    version: 0,
    document: defaultPolicy(),
    createdAt: null,
    createdByUserId: null,
    createdByAccountId: null,
    note: 'Built-in default',
  };
}

function toVersion(row: {
  version: number;
  document: string;
  created_at: number;
  created_by: number | null;
  created_by_account_id: number | null;
  note: string;
}): PolicyVersion {
  return {
    version: Number(row.version),
    // Stored documents were validated when saved; parsing again keeps the type honest.
    document: parsePolicyDocument(JSON.parse(row.document)),
    createdAt: Number(row.created_at),
    createdByUserId: row.created_by,
    createdByAccountId: row.created_by_account_id,
    note: row.note,
  };
}
