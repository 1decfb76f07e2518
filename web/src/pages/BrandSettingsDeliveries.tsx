/**
 * Brand settings: deliveries — every destination each post went to, with dead letters (the last
 * attempt failed) and failures, and Retry for owners (the same idempotency key, so a receiver
 * that already has it does not post it twice).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  brandKeys,
  listConnectors,
  listDeliveries,
  retryDelivery,
  type Brand,
  type Delivery,
  type DeliveryState,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { formatWhen } from '../components/BrandBadges.js';
import { deliveryLabel, destinationLabel } from '../components/BrandDraftParts.js';
import { ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';
import { Link } from '../router.js';

const FILTERS: Array<{ value: DeliveryState | ''; label: string }> = [
  { value: '', label: 'All' },
  { value: 'dead', label: 'Dead letters' },
  { value: 'failed', label: 'Failed' },
  { value: 'retrying', label: 'Retrying' },
  { value: 'paused', label: 'Paused' },
  { value: 'pending', label: 'Pending' },
  { value: 'delivered', label: 'Delivered' },
];

function RetryButton({ brand, delivery }: { brand: Brand; delivery: Delivery }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryDelivery(brand.id, delivery.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['brands', 'deliveries', brand.id] });
      announce('Delivery queued again');
    },
  });
  return (
    <>
      <button
        type="button"
        className="button button-small"
        onClick={() => retry.mutate()}
        disabled={retry.isPending}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
      {retry.isError && (
        <span className="field-error" role="alert">
          {errorMessage(retry.error)}
        </span>
      )}
    </>
  );
}

export function BrandDeliveriesSection({ brand }: { brand: Brand }) {
  const [state, setState] = useState<DeliveryState | ''>('');
  const deliveries = useQuery({
    queryKey: brandKeys.deliveries(brand.id, state || null),
    queryFn: () => listDeliveries(brand.id, state || null),
    refetchInterval: 15_000,
  });
  const connectors = useQuery({
    queryKey: brandKeys.connectors(brand.id),
    queryFn: () => listConnectors(brand.id),
  });
  const names = new Map((connectors.data ?? []).map((c) => [c.id, c.name]));
  const dead = (deliveries.data ?? []).filter((d) => d.state === 'dead').length;
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">
        Deliveries {dead > 0 && <span className="pill pill-danger">{dead} dead</span>}
      </h2>
      <div className="field delivery-filter">
        <label htmlFor="delivery-state">Show</label>
        <select
          id="delivery-state"
          value={state}
          onChange={(e) => setState(e.target.value as DeliveryState | '')}
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {deliveries.isPending && <Spinner label="Loading deliveries" />}
      {deliveries.isError && <ErrorState error={deliveries.error} />}
      {deliveries.data && deliveries.data.length === 0 && <p className="muted">Nothing here.</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <div className="table-wrap">
          <table className="table delivery-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Destination</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((d) => (
                <tr key={d.id} data-delivery-state={d.state}>
                  <td>
                    <Link to={`/brands/${brand.id}/drafts/${d.draft_id}`}>{formatWhen(d.updated_at)}</Link>
                  </td>
                  <td>
                    {d.action === 'delete' ? 'Delete at ' : ''}
                    {destinationLabel(d, names)}
                  </td>
                  <td>
                    <span className={`delivery-state delivery-state-${d.state}`}>
                      {deliveryLabel(d.state)}
                    </span>
                  </td>
                  <td>{d.attempts}</td>
                  <td className="delivery-error-cell" title={d.last_error ?? ''}>
                    {d.last_error ?? '—'}
                  </td>
                  <td>
                    {(d.state === 'dead' || d.state === 'failed') && brand.can.manage_connectors && (
                      <RetryButton brand={brand} delivery={d} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
