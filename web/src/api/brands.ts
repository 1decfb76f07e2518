/**
 * Brand accounts and their line of authority, as the web app reads them from /api/roost/v1:
 * brands, members, the approval workflow, drafts with their revisions, diffs and comments, the
 * calendar, connectors, deliveries, pausing, the audit log and two-factor sign-in. Responses
 * carry what the viewer may do (`can`), so pages show actions from them and never guess.
 */
import { api, apiPage } from './client.js';
import type { Account, Page } from './types.js';
import type { Finding, ScreeningResult } from '../components/ScreeningApi.js';

export const BRAND_ROLES = ['contributor', 'approver', 'publisher', 'owner'] as const;
export type BrandRole = (typeof BRAND_ROLES)[number];

export const DRAFT_STATES = [
  'draft',
  'submitted',
  'in_review',
  'approved',
  'scheduled',
  'sending',
  'published',
  'retracted',
] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

/** Screening categories a conditional workflow step can wait for (the engine's names). */
export const SCREENING_CATEGORIES = [
  'offensive',
  'sensitive',
  'confidential',
  'personal',
  'secrets',
  'links',
  'crisis',
] as const;

export interface Brand {
  id: string;
  account_id: string;
  username: string;
  display_name: string;
  colour: string;
  /** Publishes to the public (connectors); its members need two-factor sign-in unless relaxed. */
  external: boolean;
  undo_window_seconds: number;
  require_two_factor: boolean;
  /** This brand is paused, or all brands are. */
  paused: boolean;
  pause: { paused_at: string | null; paused_by: string | null; reason: string | null } | null;
  created_at: string | null;
  roles: BrandRole[];
  /** The viewer must enable two-factor sign-in before acting on this brand. */
  two_factor_needed: boolean;
  can: {
    write_drafts: boolean;
    publish: boolean;
    manage_members: boolean;
    manage_workflow: boolean;
    manage_connectors: boolean;
    manage_settings: boolean;
    pause: boolean;
  };
}

export interface BrandMember {
  account_id: string;
  account: Account | null;
  roles: BrandRole[];
  since: string | null;
}

export type Quorum = 'any' | 'all' | number;

export interface WorkflowStep {
  id?: string;
  name: string;
  approvers: { people: string[]; roles: BrandRole[]; departments: string[] };
  quorum: Quorum;
  when: { screening_categories: string[] } | null;
}

export interface Workflow {
  steps: WorkflowStep[];
}

export interface GlobalPause {
  paused: boolean;
  paused_at: string | null;
  paused_by: string | null;
  reason: string | null;
}

export interface PauseState {
  all: GlobalPause;
  brands: {
    id: string;
    username: string;
    display_name: string;
    paused_at: string | null;
    paused_by: string | null;
    reason: string | null;
  }[];
}

export type ConnectorKind = 'webhook' | 'mastodon' | 'bluesky';

export interface Connector {
  id: string;
  brand_id: string;
  kind: ConnectorKind;
  name: string;
  settings: Record<string, string>;
  /** The last characters of the secret: secrets are write-only. */
  secret_hint: string;
  max_attempts: number;
  enabled: boolean;
  created_at: string | null;
  updated_at: string | null;
  /** Only in the answer that created a webhook whose secret Roost generated, once. */
  secret?: string;
}

export type DeliveryState =
  'pending' | 'paused' | 'in_flight' | 'retrying' | 'delivered' | 'failed' | 'dead' | 'cancelled';

export interface Delivery {
  id: string;
  draft_id: string;
  revision_id: string;
  destination: string;
  connector_id: string | null;
  action: 'publish' | 'delete';
  state: DeliveryState;
  idempotency_key: string;
  remote_id: string | null;
  remote_url: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string | null;
  updated_at: string | null;
  delivered_at: string | null;
}

export interface Revision {
  id: string;
  number: number;
  text: string;
  spoiler_text: string;
  editor_id: string;
  created_at: string | null;
}

export interface DraftStep {
  id: string;
  name: string;
  quorum: Quorum;
  needed: number;
  approved_by: string[];
  eligible: string[];
  satisfied: boolean;
  current: boolean;
  conditional: { screening_categories: string[] } | null;
}

export interface DraftScreening {
  phase: string;
  action: ScreeningResult['action'];
  policy_version: number | null;
  at: string | null;
  findings: Finding[];
}

export interface DraftPermissions {
  edit: boolean;
  submit: boolean;
  approve: boolean;
  reject: boolean;
  schedule: boolean;
  recall: boolean;
  retract: boolean;
  break_glass: boolean;
  confirm_break_glass: boolean;
}

export interface Draft {
  id: string;
  brand_id: string;
  state: DraftState;
  author_id: string;
  proposal_status_id: string | null;
  revision: Revision;
  revisions_count: number;
  submission: number;
  screening: DraftScreening | null;
  steps: DraftStep[];
  scheduled_at: string | null;
  /** When it leaves: the scheduled time, or later when the undo window asks for it. */
  send_at: string | null;
  scheduled_by: string | null;
  waiting_for_resume: boolean;
  break_glass: { requested_by: string; reason: string | null; confirmed_by: string | null } | null;
  status_id: string | null;
  published_at: string | null;
  retracted_at: string | null;
  deliveries: Delivery[];
  created_at: string | null;
  updated_at: string | null;
  can: DraftPermissions;
}

export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface RevisionDiff {
  from: Revision;
  to: Revision;
  text: DiffSegment[];
  spoiler_text: DiffSegment[];
}

export interface DraftComment {
  id: string;
  revision_id: string;
  /** Null for what Roost itself wrote (screening). */
  account_id: string | null;
  kind: 'comment' | 'rejection' | 'screening';
  body: string;
  created_at: string | null;
}

export interface CalendarEntry {
  at: string;
  state: DraftState;
  draft_id: string;
  brand: { id: string; username: string; display_name: string; colour: string };
  text: string;
  spoiler_text: string;
}

export interface AuditEntry {
  id: string;
  created_at: string | null;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  brand_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface TwoFactorStatus {
  enabled: boolean;
  pending: boolean;
  recovery_codes_left: number;
}

const BASE = '/api/roost/v1/brands';

function brandPath(id: string, rest = ''): string {
  return `${BASE}/${encodeURIComponent(id)}${rest}`;
}

function draftPath(brandId: string, draftId: string, rest = ''): string {
  return brandPath(brandId, `/drafts/${encodeURIComponent(draftId)}${rest}`);
}

/** `?state=a&state=b`: the API reads a repeated key (not `state[]`). */
function statesQuery(states: readonly DraftState[]): string {
  const search = new URLSearchParams();
  for (const state of states) search.append('state', state);
  search.set('limit', '100');
  return `?${search.toString()}`;
}

// Brands

export function listBrands(all = false): Promise<Brand[]> {
  return api<Brand[]>(all ? `${BASE}?all=true` : BASE);
}

export function getBrand(id: string): Promise<Brand> {
  return api<Brand>(brandPath(id));
}

export function createBrand(input: {
  username: string;
  display_name: string;
  colour?: string;
  external?: boolean;
  owner_ids?: string[];
}): Promise<Brand> {
  return api<Brand>(BASE, { method: 'POST', body: input });
}

export interface BrandChange {
  display_name?: string;
  colour?: string;
  external?: boolean;
  undo_window_seconds?: number;
  require_two_factor?: boolean;
  reason?: string;
}

export function updateBrand(id: string, change: BrandChange): Promise<Brand> {
  return api<Brand>(brandPath(id), { method: 'PATCH', body: change });
}

export function listMembers(id: string): Promise<BrandMember[]> {
  return api<BrandMember[]>(brandPath(id, '/members'));
}

/** An empty list removes the person. */
export function setMemberRoles(
  id: string,
  accountId: string,
  roles: BrandRole[],
): Promise<BrandMember | undefined> {
  return api<BrandMember | undefined>(brandPath(id, `/members/${encodeURIComponent(accountId)}`), {
    method: 'PUT',
    body: { roles },
  });
}

export function getWorkflow(id: string): Promise<Workflow> {
  return api<Workflow>(brandPath(id, '/workflow'));
}

export function saveWorkflow(id: string, workflow: Workflow): Promise<Workflow> {
  return api<Workflow>(brandPath(id, '/workflow'), { method: 'PUT', body: workflow });
}

// Pausing

export function getPauseState(): Promise<PauseState> {
  return api<PauseState>(`${BASE}/pause-state`);
}

export function pauseBrand(id: string, reason: string): Promise<Brand> {
  return api<Brand>(brandPath(id, '/pause'), { method: 'POST', body: { reason } });
}

export function resumeBrand(id: string, reason: string): Promise<Brand> {
  return api<Brand>(brandPath(id, '/resume'), { method: 'POST', body: { reason } });
}

export function pauseAll(reason: string): Promise<GlobalPause> {
  return api<GlobalPause>(`${BASE}/pause`, { method: 'POST', body: { reason } });
}

export function resumeAll(reason: string): Promise<GlobalPause> {
  return api<GlobalPause>(`${BASE}/resume`, { method: 'POST', body: { reason } });
}

// Drafts

export function listDrafts(brandId: string, states: readonly DraftState[] = []): Promise<Draft[]> {
  return api<Draft[]>(brandPath(brandId, `/drafts${states.length ? statesQuery(states) : '?limit=100'}`));
}

export function createDraft(
  brandId: string,
  input: { status: string; spoiler_text?: string },
): Promise<Draft> {
  return api<Draft>(brandPath(brandId, '/drafts'), { method: 'POST', body: input });
}

export function getDraft(brandId: string, draftId: string): Promise<Draft> {
  return api<Draft>(draftPath(brandId, draftId));
}

export function reviseDraft(
  brandId: string,
  draftId: string,
  input: { status: string; spoiler_text?: string },
): Promise<Draft> {
  return api<Draft>(draftPath(brandId, draftId), { method: 'PUT', body: input });
}

export function listRevisions(brandId: string, draftId: string): Promise<Revision[]> {
  return api<Revision[]>(draftPath(brandId, draftId, '/revisions'));
}

/** Defaults: the previous revision against the current one. */
export function getDiff(brandId: string, draftId: string, from?: number, to?: number): Promise<RevisionDiff> {
  const search = new URLSearchParams();
  if (from !== undefined) search.set('from', String(from));
  if (to !== undefined) search.set('to', String(to));
  const query = search.toString();
  return api<RevisionDiff>(draftPath(brandId, draftId, `/diff${query ? `?${query}` : ''}`));
}

export function listComments(brandId: string, draftId: string): Promise<DraftComment[]> {
  return api<DraftComment[]>(draftPath(brandId, draftId, '/comments'));
}

export function addComment(brandId: string, draftId: string, body: string): Promise<DraftComment> {
  return api<DraftComment>(draftPath(brandId, draftId, '/comments'), { method: 'POST', body: { body } });
}

export type DraftAction =
  | { kind: 'submit' }
  | { kind: 'approve' }
  | { kind: 'reject'; comment: string }
  | { kind: 'schedule'; scheduled_at: string | null }
  | { kind: 'recall' }
  | { kind: 'retract'; reason: string }
  | { kind: 'break_glass'; reason: string }
  | { kind: 'confirm_break_glass' };

/** One step of the workflow; the answer is the draft as it is afterwards. */
export function draftAction(brandId: string, draftId: string, action: DraftAction): Promise<Draft> {
  const post = (path: string, body?: unknown) =>
    api<Draft>(draftPath(brandId, draftId, `/${path}`), { method: 'POST', body: body ?? {} });
  switch (action.kind) {
    case 'submit':
    case 'approve':
    case 'recall':
      return post(action.kind);
    case 'reject':
      return post('reject', { comment: action.comment });
    case 'schedule':
      return post('schedule', action.scheduled_at ? { scheduled_at: action.scheduled_at } : {});
    case 'retract':
      return post('retract', action.reason ? { reason: action.reason } : {});
    case 'break_glass':
      return post('break_glass', { reason: action.reason });
    case 'confirm_break_glass':
      return post('break_glass/confirm');
  }
}

// Calendar

export function brandCalendar(brandId: string | null, from: Date, to: Date): Promise<CalendarEntry[]> {
  const query = `?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  return api<CalendarEntry[]>(brandId ? brandPath(brandId, `/calendar${query}`) : `${BASE}/calendar${query}`);
}

// Connectors and deliveries

export interface NewConnector {
  kind: ConnectorKind;
  name: string;
  settings: Record<string, string>;
  secret?: string;
  max_attempts?: number;
  enabled?: boolean;
}

export function listConnectors(brandId: string): Promise<Connector[]> {
  return api<Connector[]>(brandPath(brandId, '/connectors'));
}

export function createConnector(brandId: string, input: NewConnector): Promise<Connector> {
  return api<Connector>(brandPath(brandId, '/connectors'), { method: 'POST', body: input });
}

export function updateConnector(
  brandId: string,
  connectorId: string,
  change: Partial<Omit<NewConnector, 'kind'>>,
): Promise<Connector> {
  return api<Connector>(brandPath(brandId, `/connectors/${encodeURIComponent(connectorId)}`), {
    method: 'PATCH',
    body: change,
  });
}

export function deleteConnector(brandId: string, connectorId: string): Promise<void> {
  return api<void>(brandPath(brandId, `/connectors/${encodeURIComponent(connectorId)}`), {
    method: 'DELETE',
  });
}

export function listDeliveries(brandId: string, state: DeliveryState | null): Promise<Delivery[]> {
  return api<Delivery[]>(brandPath(brandId, `/deliveries${state ? `?state=${state}` : ''}`));
}

export function retryDelivery(brandId: string, deliveryId: string): Promise<Delivery> {
  return api<Delivery>(brandPath(brandId, `/deliveries/${encodeURIComponent(deliveryId)}/retry`), {
    method: 'POST',
    body: {},
  });
}

// Screening as the public will be screened

export function checkExternal(
  text: string,
  spoilerText: string,
  signal?: AbortSignal,
): Promise<ScreeningResult> {
  return api<ScreeningResult>('/api/roost/v1/screening/check', {
    method: 'POST',
    body: { text, audience: 'external', ...(spoilerText ? { spoiler_text: spoilerText } : {}) },
    signal,
  });
}

// Audit (admins)

export interface AuditFilter {
  brand_id?: string;
  actor_id?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function auditQuery(filter: AuditFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) search.set(key, value);
  return search.toString();
}

export function auditPage(path: string): Promise<Page<AuditEntry>> {
  return apiPage<AuditEntry>(path);
}

export function auditListPath(filter: AuditFilter): string {
  const query = auditQuery({ ...filter });
  return `/api/roost/v1/audit?limit=50${query ? `&${query}` : ''}`;
}

export function auditExportPath(filter: AuditFilter, format: 'csv' | 'json'): string {
  const query = auditQuery(filter);
  return `/api/roost/v1/audit/export?format=${format}${query ? `&${query}` : ''}`;
}

// Two-factor sign-in

export function twoFactorStatus(): Promise<TwoFactorStatus> {
  return api<TwoFactorStatus>('/api/roost/v1/two_factor');
}

export function twoFactorSetup(): Promise<{ secret: string; uri: string }> {
  return api<{ secret: string; uri: string }>('/api/roost/v1/two_factor/setup', { method: 'POST', body: {} });
}

export function twoFactorConfirm(code: string): Promise<{ recovery_codes: string[] }> {
  return api<{ recovery_codes: string[] }>('/api/roost/v1/two_factor/confirm', {
    method: 'POST',
    body: { code },
  });
}

export function twoFactorDisable(proof: { code?: string; recovery_code?: string }): Promise<void> {
  return api<void>('/api/roost/v1/two_factor/disable', { method: 'POST', body: proof });
}

export const brandKeys = {
  all: ['brands'] as const,
  list: (all: boolean) => ['brands', 'list', all] as const,
  brand: (id: string) => ['brands', 'brand', id] as const,
  members: (id: string) => ['brands', 'members', id] as const,
  workflow: (id: string) => ['brands', 'workflow', id] as const,
  drafts: (id: string) => ['brands', 'drafts', id] as const,
  draft: (brandId: string, draftId: string) => ['brands', 'draft', brandId, draftId] as const,
  revisions: (brandId: string, draftId: string) =>
    ['brands', 'draft', brandId, draftId, 'revisions'] as const,
  diff: (brandId: string, draftId: string, from: number | null, to: number | null) =>
    ['brands', 'draft', brandId, draftId, 'diff', from, to] as const,
  comments: (brandId: string, draftId: string) => ['brands', 'draft', brandId, draftId, 'comments'] as const,
  review: ['brands', 'review'] as const,
  calendar: (brandId: string | null, from: string, to: string) =>
    ['brands', 'calendar', brandId, from, to] as const,
  connectors: (id: string) => ['brands', 'connectors', id] as const,
  deliveries: (id: string, state: string | null) => ['brands', 'deliveries', id, state] as const,
  pause: ['brands', 'pause-state'] as const,
  audit: (query: string) => ['audit', query] as const,
  twoFactor: ['two-factor'] as const,
  account: (id: string) => ['account-by-id', id] as const,
  externalCheck: (text: string, spoiler: string) => ['screening', 'check-external', text, spoiler] as const,
};
