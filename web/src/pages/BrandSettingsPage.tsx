/**
 * A brand's settings (owners; administrators for membership and whether it publishes publicly):
 * name, colour, undo window, the two-factor requirement; members and roles; the approval
 * workflow; connectors; deliveries with dead letters.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { brandKeys, updateBrand, type Brand, type BrandChange } from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { BrandHeader, useBrand } from '../components/BrandHeader.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';
import { isAdmin, useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { BrandConnectorsSection } from './BrandSettingsConnectors.js';
import { BrandDeliveriesSection } from './BrandSettingsDeliveries.js';
import { BrandMembersSection } from './BrandSettingsMembers.js';
import { BrandWorkflowSection } from './BrandSettingsWorkflow.js';
import { NotFoundPage } from './NotFoundPage.js';

function GeneralSection({ brand }: { brand: Brand }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(brand.display_name);
  const [colour, setColour] = useState(brand.colour);
  const [undo, setUndo] = useState(String(brand.undo_window_seconds));
  const [requireTwoFactor, setRequireTwoFactor] = useState(brand.require_two_factor);
  const [external, setExternal] = useState(brand.external);
  const [reason, setReason] = useState('');
  const owner = brand.can.manage_settings;
  const admin = isAdmin(me);
  const relaxing = brand.require_two_factor && !requireTwoFactor;
  const save = useMutation({
    mutationFn: () => {
      const change: BrandChange = {};
      if (owner) {
        change.display_name = displayName.trim();
        change.colour = colour;
        change.undo_window_seconds = Number(undo);
        change.require_two_factor = requireTwoFactor;
      }
      if (admin && external !== brand.external) change.external = external;
      if (reason.trim()) change.reason = reason.trim();
      return updateBrand(brand.id, change);
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(brandKeys.brand(brand.id), fresh);
      void queryClient.invalidateQueries({ queryKey: brandKeys.all });
      setReason('');
      announce('Brand settings saved');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  if (!owner && !admin) return null;
  return (
    <form className="form card" onSubmit={submit} aria-labelledby="brand-general-title">
      <h2 id="brand-general-title">Brand</h2>
      <fieldset className="plain-fieldset" disabled={!owner}>
        <legend className="visually-hidden">Name and behaviour</legend>
        <div className="inline-form">
          <div className="field grow">
            <label htmlFor="brand-settings-name">Name</label>
            <input
              id="brand-settings-name"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              maxLength={100}
            />
          </div>
          <div className="field">
            <label htmlFor="brand-settings-colour">Colour</label>
            <input
              id="brand-settings-colour"
              type="color"
              value={colour}
              onChange={(e) => setColour(e.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="brand-settings-undo">Undo window (seconds)</label>
          <input
            id="brand-settings-undo"
            type="number"
            min={0}
            max={86400}
            value={undo}
            onChange={(e) => setUndo(e.target.value)}
          />
          <p className="field-hint">
            Every post waits at least this long after it is scheduled, so a publisher can still recall it.
          </p>
        </div>
        <label className="check-row">
          <input
            type="checkbox"
            checked={requireTwoFactor}
            onChange={(e) => setRequireTwoFactor(e.target.checked)}
          />
          Require two-factor sign-in from everyone who acts on this brand{' '}
          {brand.external ? '' : '(applies while it publishes publicly)'}
        </label>
      </fieldset>
      {admin && (
        <label className="check-row">
          <input type="checkbox" checked={external} onChange={(e) => setExternal(e.target.checked)} />
          Publishes publicly (administrators decide)
        </label>
      )}
      {(relaxing || (admin && external !== brand.external)) && (
        <div className="field">
          <label htmlFor="brand-settings-reason">Reason (kept in the audit log)</label>
          <input
            id="brand-settings-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required={relaxing}
            maxLength={2000}
          />
        </div>
      )}
      {save.isError && (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      {save.isSuccess && !save.isPending && (
        <p className="form-success" role="status">
          Saved.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save brand settings'}
        </button>
      </div>
    </form>
  );
}

export function BrandSettingsPage({ brandId }: { brandId: string }) {
  const brand = useBrand(brandId);
  useTitle(brand.data ? `Settings · @${brand.data.username}` : 'Brand settings');
  if (brand.isError) return <NotFoundPage />;
  if (!brand.data) return <Spinner label="Loading brand" />;
  const b = brand.data;
  return (
    <>
      <PageHeader title={`@${b.username}`} subtitle="Settings" back />
      <BrandHeader brand={b} />
      <div className="settings">
        <GeneralSection key={b.id} brand={b} />
        <BrandMembersSection brand={b} />
        <BrandWorkflowSection brand={b} />
        <BrandConnectorsSection brand={b} />
        <BrandDeliveriesSection brand={b} />
      </div>
    </>
  );
}
