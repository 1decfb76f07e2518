/** The numbered migrations, in order. Each takes the dialect so the rare dialect-specific DDL stays beside its table. */
import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import * as core from './001-core.js';

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001-core': { up: core.up(dialect) },
  };
}
