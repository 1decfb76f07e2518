/**
 * Brand accounts the person belongs to (every brand for administrators): their roles, whether
 * they publish publicly, pause state; links to the review inbox and the calendar. Administrators
 * create brands and pause or resume all of them here.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { brandKeys, createBrand, listBrands, type Brand } from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { BrandMark, ROLE_LABEL } from '../components/BrandBadges.js';
import { GlobalPauseControl } from '../components/BrandPause.js';
import { Dialog } from '../components/Dialog.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { isAdmin, useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, navigate } from '../router.js';

function BrandRow({ brand }: { brand: Brand }) {
  return (
    <li>
      <Link to={`/brands/${brand.id}`} className="brand-row" data-brand={brand.username}>
        <BrandMark brand={brand} size={44} />
        <span className="brand-row-text">
          <span className="brand-row-name">
            {brand.display_name} <span className="muted">@{brand.username}</span>
          </span>
          <span className="brand-row-meta">
            {brand.external ? 'Publishes publicly' : 'Inside the organization'}
            {brand.roles.length > 0 && <> · {brand.roles.map((r) => ROLE_LABEL[r] ?? r).join(', ')}</>}
            {brand.roles.length === 0 && <> · reviewer</>}
          </span>
        </span>
        {brand.paused && (
          <span className="pill pill-paused">
            <Icon name="pause" /> Paused
          </span>
        )}
        {brand.two_factor_needed && <span className="pill pill-warning">Needs two-factor</span>}
      </Link>
    </li>
  );
}

function NewBrandDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [colour, setColour] = useState('#2563eb');
  const [external, setExternal] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      createBrand({ username: username.trim(), display_name: displayName.trim(), colour, external }),
    onSuccess: (brand) => {
      void queryClient.invalidateQueries({ queryKey: brandKeys.all });
      onClose();
      navigate(`/brands/${brand.id}/settings`);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <Dialog title="New brand account" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="brand-username">Username</label>
          <div className="input-prefix">
            <span>@</span>
            <input
              id="brand-username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
              autoFocus
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="brand-display-name">Name</label>
          <input
            id="brand-display-name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="brand-colour">Colour</label>
          <input id="brand-colour" type="color" value={colour} onChange={(e) => setColour(e.target.value)} />
        </div>
        <label className="check-row">
          <input type="checkbox" checked={external} onChange={(e) => setExternal(e.target.checked)} />
          Publishes publicly (connectors to webhooks, Mastodon, Bluesky; members need two-factor sign-in)
        </label>
        {create.isError && (
          <p className="form-error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create brand'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function BrandsPage() {
  useTitle('Brands');
  const me = useMe();
  const admin = isAdmin(me);
  const [creating, setCreating] = useState(false);
  const brands = useQuery({ queryKey: brandKeys.list(admin), queryFn: () => listBrands(admin) });
  return (
    <>
      <PageHeader
        title="Brands"
        subtitle="Accounts the organization speaks through"
        actions={
          admin && (
            <button type="button" className="button button-small" onClick={() => setCreating(true)}>
              <Icon name="plus" /> New brand
            </button>
          )
        }
      />
      <nav className="brand-subnav" aria-label="Brand work">
        <Link to="/brands/review" className="chip">
          <Icon name="check" /> Review inbox
        </Link>
        <Link to="/brands/calendar" className="chip">
          <Icon name="calendar" /> Calendar
        </Link>
        {admin && (
          <Link to="/admin/audit" className="chip">
            <Icon name="list" /> Audit log
          </Link>
        )}
        <span className="brand-subnav-end">
          <GlobalPauseControl />
        </span>
      </nav>
      {brands.isPending && <Spinner label="Loading brands" />}
      {brands.isError && <ErrorState error={brands.error} onRetry={() => void brands.refetch()} />}
      {brands.data && brands.data.length === 0 && (
        <EmptyState>
          <h2>No brands for you yet</h2>
          <p>An owner of a brand account adds people as contributors, approvers or publishers.</p>
        </EmptyState>
      )}
      {brands.data && brands.data.length > 0 && (
        <ul className="brand-list">
          {brands.data.map((brand) => (
            <BrandRow key={brand.id} brand={brand} />
          ))}
        </ul>
      )}
      {creating && <NewBrandDialog onClose={() => setCreating(false)} />}
    </>
  );
}
