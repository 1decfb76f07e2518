/**
 * The emergency pause: a banner on every page while any brand (or all of them) is paused, and the
 * Pause / Resume controls for owners (one brand) and admins (every brand). Both need a reason;
 * resuming is always an explicit act. The banner re-reads the pause state every 15 seconds.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  brandKeys,
  getPauseState,
  pauseAll,
  pauseBrand,
  resumeAll,
  resumeBrand,
  type Brand,
  type PauseState,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { announce } from '../hooks/live-store.js';
import { isAdmin, useMe } from '../hooks/useSession.js';
import { Link } from '../router.js';
import { ReasonDialog } from './BrandReasonDialog.js';
import { Icon } from './Icon.js';
import '../styles/brands.css';

const PAUSE_POLL_MS = 15_000;

export function usePauseState() {
  return useQuery({
    queryKey: brandKeys.pause,
    queryFn: getPauseState,
    refetchInterval: PAUSE_POLL_MS,
    staleTime: 5_000,
    retry: false,
  });
}

export function isAnythingPaused(state: PauseState | undefined): boolean {
  return Boolean(state && (state.all.paused || state.brands.length > 0));
}

export function PauseBanner() {
  const { data } = usePauseState();
  if (!data || !isAnythingPaused(data)) return null;
  return (
    <div className="pause-banner" role="status" data-testid="pause-banner">
      <Icon name="pause" />
      <div className="pause-banner-text">
        {data.all.paused && (
          <p>
            <strong>All brand publishing is paused.</strong>{' '}
            {data.all.reason && <span>Reason: {data.all.reason}</span>}
          </p>
        )}
        {data.brands.map((brand) => (
          <p key={brand.id}>
            <strong>
              <Link to={`/brands/${brand.id}`}>@{brand.username}</Link> is paused.
            </strong>{' '}
            {brand.reason && <span>Reason: {brand.reason}</span>}
          </p>
        ))}
        <p className="pause-banner-note">Nothing leaves until someone resumes publishing with a reason.</p>
      </div>
    </div>
  );
}

function useInvalidateAfterPause() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: brandKeys.all });
  };
}

/** Pause or resume one brand (owners and admins: `brand.can.pause`). */
export function BrandPauseControl({ brand }: { brand: Brand }) {
  const [open, setOpen] = useState(false);
  const refresh = useInvalidateAfterPause();
  const ownPause = brand.pause !== null;
  const mutation = useMutation({
    mutationFn: (reason: string) => (ownPause ? resumeBrand(brand.id, reason) : pauseBrand(brand.id, reason)),
    onSuccess: () => {
      setOpen(false);
      announce(ownPause ? `Publishing resumed for @${brand.username}` : `@${brand.username} paused`);
      refresh();
    },
  });
  if (!brand.can.pause) return null;
  return (
    <>
      <button
        type="button"
        className={`button button-small ${ownPause ? 'button-primary' : 'button-pause'}`}
        onClick={() => setOpen(true)}
      >
        <Icon name={ownPause ? 'play' : 'pause'} />
        {ownPause ? 'Resume…' : 'Pause'}
      </button>
      {open && (
        <ReasonDialog
          title={ownPause ? `Resume publishing for @${brand.username}` : `Pause @${brand.username}`}
          intro={
            ownPause ? (
              <p>
                Scheduled posts that waited are screened again and sent. Say why it is safe to publish again.
              </p>
            ) : (
              <p>
                Nothing from @{brand.username} leaves while it is paused: scheduled posts wait and deliveries
                stop. Everyone sees a banner.
              </p>
            )
          }
          label="Reason"
          confirmLabel={ownPause ? 'Resume publishing' : 'Pause publishing'}
          danger={!ownPause}
          busy={mutation.isPending}
          error={mutation.isError ? errorMessage(mutation.error) : null}
          onConfirm={(reason) => mutation.mutate(reason)}
          onCancel={() => {
            mutation.reset();
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

/** Pause or resume every brand at once (administrators). */
export function GlobalPauseControl() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const refresh = useInvalidateAfterPause();
  const { data } = usePauseState();
  const paused = data?.all.paused ?? false;
  const mutation = useMutation({
    mutationFn: (reason: string) => (paused ? resumeAll(reason) : pauseAll(reason)),
    onSuccess: () => {
      setOpen(false);
      announce(paused ? 'Publishing resumed for every brand' : 'Every brand paused');
      refresh();
    },
  });
  if (!isAdmin(me) || !data) return null;
  return (
    <>
      <button
        type="button"
        className={`button button-small ${paused ? 'button-primary' : 'button-pause'}`}
        onClick={() => setOpen(true)}
      >
        <Icon name={paused ? 'play' : 'pause'} />
        {paused ? 'Resume all brands…' : 'Pause all brands'}
      </button>
      {open && (
        <ReasonDialog
          title={paused ? 'Resume publishing for every brand' : 'Pause every brand'}
          intro={
            paused ? (
              <p>What waited is screened again and sent. Brands paused on their own stay paused.</p>
            ) : (
              <p>
                The emergency stop: no brand publishes anything until an administrator resumes with a reason.
              </p>
            )
          }
          label="Reason"
          confirmLabel={paused ? 'Resume all' : 'Pause all'}
          danger={!paused}
          busy={mutation.isPending}
          error={mutation.isError ? errorMessage(mutation.error) : null}
          onConfirm={(reason) => mutation.mutate(reason)}
          onCancel={() => {
            mutation.reset();
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
