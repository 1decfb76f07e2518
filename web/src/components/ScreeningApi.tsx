/**
 * Screening and moderation as the web app reads them: the types of findings, policies and held
 * posts (Roost extensions not in api/types.ts), and the calls to their endpoints.
 */
import { api, ApiError, withQuery } from '../api/client.js';
import type { Account, Status } from '../api/types.js';

export type ScreeningAction = 'allow' | 'warn' | 'review' | 'block';
export type ScreeningAudience = 'internal' | 'external';

export interface Finding {
  rule: string;
  category: string;
  action: ScreeningAction;
  message: string;
  /** UTF-16 offsets into the field, end exclusive: JavaScript string indices. */
  start: number;
  end: number;
  excerpt: string;
  suggestion: string | null;
  field?: 'status' | 'spoiler_text';
}

export interface ScreeningResult {
  action: ScreeningAction;
  findings: Finding[];
  policy_version?: number;
}

export interface StatusModeration {
  state: 'visible' | 'held' | 'removed';
  action: ScreeningAction | null;
  findings: Finding[];
  policy_version: number | null;
  screened_at: string | null;
  decision: { decision: 'release' | 'remove'; reason: string; decided_at: string } | null;
}

/** A Status that may carry `roost.moderation` (held or removed posts, for their author and moderators). */
export type ModeratedStatus = Status & { roost?: { moderation?: StatusModeration } };

export function moderationOf(status: Status): StatusModeration | null {
  return (status as ModeratedStatus).roost?.moderation ?? null;
}

/** The 422 a screened post answers: `screening_blocked` or `screening_warning`, with the findings. */
export function screeningRefusal(
  error: unknown,
): { kind: 'block' | 'warn'; message: string; result: ScreeningResult } | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code !== 'screening_blocked' && error.code !== 'screening_warning') return null;
  const details = error.details as Partial<ScreeningResult> | null;
  return {
    kind: error.code === 'screening_blocked' ? 'block' : 'warn',
    message: error.message,
    result: {
      action: details?.action ?? 'block',
      findings: Array.isArray(details?.findings) ? details.findings : [],
    },
  };
}

export function checkText(text: string, spoilerText: string, signal?: AbortSignal): Promise<ScreeningResult> {
  return api<ScreeningResult>('/api/roost/v1/screening/check', {
    method: 'POST',
    body: { text, ...(spoilerText ? { spoiler_text: spoilerText } : {}) },
    signal,
  });
}

// Moderation queue

export function moderationQueue(): Promise<Status[]> {
  return api<Status[]>(withQuery('/api/roost/v1/moderation/queue', { limit: 80 }));
}

export function releaseStatus(id: string): Promise<Status> {
  return api<Status>(`/api/roost/v1/moderation/statuses/${id}/release`, { method: 'POST', body: {} });
}

export function removeHeldStatus(id: string, reason: string): Promise<Status> {
  return api<Status>(`/api/roost/v1/moderation/statuses/${id}/remove`, { method: 'POST', body: { reason } });
}

// Policy (admins)

export interface PolicyLists {
  codenames: string[];
  internalDomains: string[];
  crisisTerms: string[];
  blockedTerms: string[];
  allowedTerms: string[];
}

export interface PolicyDocument {
  version: 1;
  name?: string;
  lists: PolicyLists;
  rules: Record<ScreeningAudience, Record<string, ScreeningAction>>;
}

export interface PolicyChanges {
  name: { from: string | null; to: string | null } | null;
  lists: { list: keyof PolicyLists; added: string[]; removed: string[] }[];
  rules: {
    audience: ScreeningAudience;
    rule: string;
    from: ScreeningAction | null;
    to: ScreeningAction | null;
  }[];
}

export interface PolicyVersion {
  version: number;
  document: PolicyDocument;
  note: string;
  created_at: string | null;
  created_by: Account | null;
}

export interface PolicyHistoryEntry {
  version: number;
  name: string | null;
  note: string;
  created_at: string | null;
  created_by: Account | null;
  changes: PolicyChanges;
}

export interface RuleInfo {
  id: string;
  category: string;
  internal: ScreeningAction;
  external: ScreeningAction;
  suggestion: string;
}

export const POLICY_PATH = '/api/roost/v1/screening/policy';

export function getPolicy(): Promise<PolicyVersion> {
  return api<PolicyVersion>(POLICY_PATH);
}

export function savePolicy(document: PolicyDocument, note: string): Promise<PolicyVersion> {
  return api<PolicyVersion>(POLICY_PATH, { method: 'PUT', body: { document, note } });
}

export function importPolicy(document: unknown, note: string): Promise<PolicyVersion> {
  return api<PolicyVersion>(`${POLICY_PATH}/import`, { method: 'POST', body: { document, note } });
}

export function policyHistory(): Promise<PolicyHistoryEntry[]> {
  return api<PolicyHistoryEntry[]>(`${POLICY_PATH}/versions`);
}

export function ruleCatalogue(): Promise<RuleInfo[]> {
  return api<RuleInfo[]>('/api/roost/v1/screening/rules');
}

export const screeningKeys = {
  check: (text: string, spoiler: string) => ['screening', 'check', text, spoiler] as const,
  queue: ['moderation', 'queue'] as const,
  policy: ['screening', 'policy'] as const,
  history: ['screening', 'history'] as const,
  rules: ['screening', 'rules'] as const,
};
