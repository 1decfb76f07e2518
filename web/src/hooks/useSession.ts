/** The signed-in person: the session query, and `useMe()` for pages inside the signed-in shell. */
import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getSession } from '../api/auth.js';
import { ApiError } from '../api/client.js';
import { keys } from '../api/keys.js';
import type { CredentialAccount } from '../api/types.js';

/** `enabled` is false on pages that establish the session themselves (one-time links, invitations). */
export function useSessionQuery(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.session,
    queryFn: async (): Promise<CredentialAccount | null> => {
      try {
        return (await getSession()).account;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export const MeContext = createContext<CredentialAccount | null>(null);

export function useMe(): CredentialAccount {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the signed-in shell');
  return me;
}

export function isAdmin(me: CredentialAccount): boolean {
  return me.roost?.role === 'admin';
}
