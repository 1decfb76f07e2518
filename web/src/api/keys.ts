/** react-query keys in one place, so that live updates and mutations touch the right caches. */
export const keys = {
  session: ['session'] as const,
  instance: ['instance'] as const,
  timeline: (name: string) => ['timeline', name] as const,
  status: (id: string) => ['status', id] as const,
  context: (id: string) => ['context', id] as const,
  history: (id: string) => ['history', id] as const,
  account: (username: string) => ['account', username.toLowerCase()] as const,
  relationship: (id: string) => ['relationship', id] as const,
  notifications: ['notifications', 'list'] as const,
  unread: ['notifications', 'unread'] as const,
  search: (q: string) => ['search', q] as const,
  directory: (q: string, department: string) => ['directory', q, department] as const,
  departments: ['departments'] as const,
  tag: (name: string) => ['tag', name.toLowerCase()] as const,
  followedTags: ['followed-tags'] as const,
  invites: ['invites'] as const,
};

/** Timeline names used as the second part of a timeline key. */
export const HOME = 'home';
export const ORGANIZATION = 'organization';
