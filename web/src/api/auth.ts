/** Sign-in, sessions, one-time links, passwords and invites (/api/roost/v1). */
import { api } from './client.js';
import type { Invite, SessionResponse, UserRole } from './types.js';

export function getSession(): Promise<SessionResponse> {
  return api<SessionResponse>('/api/roost/v1/auth/session');
}

/** `otp`: the authenticator's code or a recovery code, when the server answered `otp_required`. */
export function signIn(login: string, password: string, otp?: string): Promise<SessionResponse> {
  return api<SessionResponse>('/api/roost/v1/auth/sign_in', { method: 'POST', body: { login, password, ...(otp ? { otp } : {}) } });
}

export function signOut(): Promise<void> {
  return api<void>('/api/roost/v1/auth/sign_out', { method: 'POST' });
}

export function consumeSignInLink(token: string): Promise<SessionResponse> {
  return api<SessionResponse>('/api/roost/v1/auth/link', { method: 'POST', body: { token } });
}

/** `currentPassword` is left out when a one-time link signed the person in without one. */
export function changePassword(newPassword: string, currentPassword?: string): Promise<void> {
  const body: Record<string, string> = { new_password: newPassword };
  if (currentPassword) body.current_password = currentPassword;
  return api<void>('/api/roost/v1/auth/password', { method: 'POST', body });
}

export function getInvite(token: string): Promise<{ email: string; role: UserRole; expires_at: string | number }> {
  return api(`/api/roost/v1/invites/${encodeURIComponent(token)}`);
}

export function acceptInvite(
  token: string,
  fields: { username: string; display_name: string; password: string },
): Promise<SessionResponse> {
  return api<SessionResponse>(`/api/roost/v1/invites/${encodeURIComponent(token)}/accept`, { method: 'POST', body: fields });
}

export function createInvite(email: string, role: UserRole): Promise<Invite> {
  return api<Invite>('/api/roost/v1/invites', { method: 'POST', body: { email, role } });
}

export function listInvites(): Promise<Invite[]> {
  return api<Invite[]>('/api/roost/v1/invites');
}
