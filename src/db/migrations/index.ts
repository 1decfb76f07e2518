/** The numbered migrations, in order. Each takes the dialect so the rare dialect-specific DDL stays beside its table. */
import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import * as core from './001-core.js';
import * as posts from './003-posts.js';
import * as screening from './005-screening.js';
import * as jobDeadLetters from './007-job-dead-letters.js';
import * as timelines from './004-timelines.js';
import * as oauth from './008-oauth.js';
import * as media from './009-media.js';
import * as lists from './010-lists.js';
import * as filters from './011-filters.js';
import * as reports from './012-reports.js';
import * as announcements from './013-announcements.js';
import * as conversations from './014-conversations.js';
import * as brands from './015-brands.js';
import * as audit from './016-audit.js';
import * as twoFactor from './017-two-factor.js';
import * as blocksMutes from './020-blocks-mutes.js';
import * as idempotencyKeys from './021-idempotency-keys.js';
import * as scheduledStatuses from './022-scheduled-statuses.js';

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001-core': { up: core.up(dialect) },
    '003-posts': { up: posts.up },
    '007-job-dead-letters': { up: jobDeadLetters.up },
    '004-timelines': { up: timelines.up(dialect) },
    '005-screening': { up: screening.up },
    '008-oauth': { up: oauth.up },
    '009-media': { up: media.up },
    '010-lists': { up: lists.up },
    '011-filters': { up: filters.up },
    '012-reports': { up: reports.up },
    '013-announcements': { up: announcements.up },
    '014-conversations': { up: conversations.up },
    '015-brands': { up: brands.up },
    '016-audit': { up: audit.up },
    '017-two-factor': { up: twoFactor.up },
    '020-blocks-mutes': { up: blocksMutes.up },
    '021-idempotency-keys': { up: idempotencyKeys.up },
    '022-scheduled-statuses': { up: scheduledStatuses.up },
  };
}
