/** The numbered migrations, in order. Each takes the dialect so the rare dialect-specific DDL stays beside its table. */
import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import * as core from './001-core.js';
import * as jobDeadLetters from './007-job-dead-letters.js';
import * as timelines from './004-timelines.js';

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001-core': { up: core.up(dialect) },
    '007-job-dead-letters': { up: jobDeadLetters.up },
    '004-timelines': { up: timelines.up(dialect) },
  };
}
