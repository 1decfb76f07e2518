/** People: profiles, relationships, the directory and departments. */
import { api, withQuery } from './client.js';
import type { Account, CredentialAccount, Department, Relationship, UserRole } from './types.js';

export function lookupAccount(username: string): Promise<Account> {
  return api<Account>(withQuery('/api/v1/accounts/lookup', { acct: username }));
}

export function getAccount(id: string): Promise<Account> {
  return api<Account>(`/api/v1/accounts/${id}`);
}

export function accountStatusesPath(id: string, excludeReplies = true): string {
  return withQuery(`/api/v1/accounts/${id}/statuses`, { exclude_replies: excludeReplies || undefined });
}

export async function getRelationship(id: string): Promise<Relationship | null> {
  const list = await api<Relationship[]>(withQuery('/api/v1/accounts/relationships', { id: [id] }));
  return list.find((r) => r.id === id) ?? null;
}

export function follow(id: string): Promise<Relationship> {
  return api<Relationship>(`/api/v1/accounts/${id}/follow`, { method: 'POST' });
}

export function unfollow(id: string): Promise<Relationship> {
  return api<Relationship>(`/api/v1/accounts/${id}/unfollow`, { method: 'POST' });
}

/** Multipart so that an avatar file can travel with the text fields. */
export function updateCredentials(form: FormData): Promise<CredentialAccount> {
  return api<CredentialAccount>('/api/v1/accounts/update_credentials', { method: 'PATCH', body: form });
}

export function directory(params: { q?: string; department_id?: string; limit?: number; offset?: number }): Promise<Account[]> {
  return api<Account[]>(withQuery('/api/roost/v1/directory', params));
}

export function listDepartments(): Promise<Department[]> {
  return api<Department[]>('/api/roost/v1/departments');
}

export function createDepartment(name: string): Promise<Department> {
  return api<Department>('/api/roost/v1/departments', { method: 'POST', body: { name } });
}

export function adminUpdateAccount(
  id: string,
  fields: { department_id?: string | null; title?: string; manager_id?: string | null; role?: UserRole },
): Promise<Account> {
  return api<Account>(`/api/roost/v1/accounts/${id}`, { method: 'PATCH', body: fields });
}
