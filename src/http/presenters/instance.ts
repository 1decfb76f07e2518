/** Instance entities (Mastodon v1 and v2 shapes). */
import type { Config } from '../../config.js';

export const VERSION = '4.3.0 (compatible; Roost 0.1.0)';

function limits(config: Config) {
  return {
    statuses: { max_characters: config.maxPostLength, max_media_attachments: 4, characters_reserved_per_url: 23 },
    media_attachments: {
      supported_mime_types: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
      image_size_limit: config.uploadLimit,
      image_matrix_limit: 16_777_216,
    },
  };
}

export function presentInstanceV1(config: Config) {
  const host = new URL(config.baseUrl).host;
  return {
    uri: host,
    title: 'Roost',
    short_description: 'The organization’s micro-blog',
    description: 'The organization’s micro-blog',
    email: '',
    version: VERSION,
    urls: { streaming_api: config.baseUrl.replace(/^http/, 'ws') },
    stats: { user_count: 0, status_count: 0, domain_count: 1 },
    languages: ['en'],
    registrations: false,
    approval_required: true,
    invites_enabled: true,
    configuration: limits(config),
    rules: [],
  };
}

export function presentInstanceV2(config: Config) {
  const host = new URL(config.baseUrl).host;
  return {
    domain: host,
    title: 'Roost',
    version: VERSION,
    source_url: 'https://github.com/roost-social/roost',
    description: 'The organization’s micro-blog',
    usage: { users: { active_month: 0 } },
    languages: ['en'],
    configuration: { urls: { streaming: config.baseUrl.replace(/^http/, 'ws') }, ...limits(config) },
    registrations: { enabled: false, approval_required: true, message: null },
    contact: { email: '', account: null },
    rules: [],
  };
}
