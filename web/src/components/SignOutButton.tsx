/** Ends the session and returns to the sign-in page, forgetting every cached query. */
import { useQueryClient } from '@tanstack/react-query';
import { signOut } from '../api/auth.js';
import { navigate } from '../router.js';
import { Icon } from './Icon.js';

export function SignOutButton({ withLabel }: { withLabel?: boolean }) {
  const queryClient = useQueryClient();
  async function onClick() {
    try {
      await signOut();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(['session'], null);
      navigate('/sign-in', { replace: true });
    }
  }
  return (
    <button type="button" className={withLabel ? 'menu-item' : 'icon-button'} onClick={() => void onClick()} aria-label={withLabel ? undefined : 'Sign out'} title="Sign out">
      <Icon name="logout" />
      {withLabel && 'Sign out'}
    </button>
  );
}
