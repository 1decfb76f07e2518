/** Posts: create, read, edit, delete, and the viewer's actions on them. */
import { api } from './client.js';
import type { Account, RoostVisibility, Status, StatusContext, StatusEdit, StatusSource } from './types.js';

export interface NewStatus {
  status: string;
  visibility: RoostVisibility;
  in_reply_to_id?: string;
  spoiler_text?: string;
}

export function createStatus(input: NewStatus, idempotencyKey: string): Promise<Status> {
  return api<Status>('/api/v1/statuses', {
    method: 'POST',
    body: { ...input, sensitive: Boolean(input.spoiler_text) },
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export function getStatus(id: string): Promise<Status> {
  return api<Status>(`/api/v1/statuses/${id}`);
}

export function getContext(id: string): Promise<StatusContext> {
  return api<StatusContext>(`/api/v1/statuses/${id}/context`);
}

export function deleteStatus(id: string): Promise<Status> {
  return api<Status>(`/api/v1/statuses/${id}`, { method: 'DELETE' });
}

export function editStatus(id: string, status: string, spoilerText: string): Promise<Status> {
  return api<Status>(`/api/v1/statuses/${id}`, { method: 'PUT', body: { status, spoiler_text: spoilerText } });
}

export function getSource(id: string): Promise<StatusSource> {
  return api<StatusSource>(`/api/v1/statuses/${id}/source`);
}

export function getHistory(id: string): Promise<StatusEdit[]> {
  return api<StatusEdit[]>(`/api/v1/statuses/${id}/history`);
}

export type StatusAction = 'favourite' | 'unfavourite' | 'reblog' | 'unreblog' | 'bookmark' | 'unbookmark';

export function statusAction(id: string, action: StatusAction): Promise<Status> {
  return api<Status>(`/api/v1/statuses/${id}/${action}`, { method: 'POST' });
}

export function favouritedBy(id: string): Promise<Account[]> {
  return api<Account[]>(`/api/v1/statuses/${id}/favourited_by`);
}
