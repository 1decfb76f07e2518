/**
 * Brand settings: connectors — where a published post goes besides Roost: a signed webhook, a
 * Mastodon account (server and access token) or a Bluesky account (handle and app password).
 * Secrets are write-only: only their last characters are ever shown, except a webhook signing
 * secret Roost generated, shown once right after creation.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  brandKeys,
  createConnector,
  deleteConnector,
  listConnectors,
  updateConnector,
  type Brand,
  type Connector,
  type ConnectorKind,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { Icon } from '../components/Icon.js';
import { ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';

const KIND_LABEL: Record<ConnectorKind, string> = {
  webhook: 'Webhook',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};

interface FieldSpec {
  key: string;
  label: string;
  placeholder: string;
  hint?: string;
}

const SETTINGS: Record<ConnectorKind, FieldSpec[]> = {
  webhook: [
    {
      key: 'url',
      label: 'Webhook URL',
      placeholder: 'https://hooks.example.com/roost',
      hint: 'Each delivery is signed (Standard Webhooks) and retried until it is accepted.',
    },
  ],
  mastodon: [{ key: 'base_url', label: 'Mastodon server', placeholder: 'https://mastodon.social' }],
  bluesky: [
    { key: 'service', label: 'Bluesky service', placeholder: 'https://bsky.social' },
    { key: 'identifier', label: 'Handle', placeholder: 'northwind.bsky.social' },
  ],
};

const SECRET: Record<ConnectorKind, { label: string; hint: string; required: boolean }> = {
  webhook: {
    label: 'Signing secret (optional)',
    hint: 'whsec_… — leave it empty and Roost generates one and shows it to you once.',
    required: false,
  },
  mastodon: {
    label: 'Access token',
    hint: 'From the account’s Preferences → Development, with write:statuses. It is never shown again.',
    required: true,
  },
  bluesky: {
    label: 'App password',
    hint: 'Settings → App passwords on Bluesky; never the account password. It is never shown again.',
    required: true,
  },
};

function summary(connector: Connector): string {
  const s = connector.settings;
  if (connector.kind === 'webhook') return s.url ?? '';
  if (connector.kind === 'mastodon') return s.base_url ?? '';
  return `${s.identifier ?? ''} on ${s.service ?? ''}`;
}

function ConnectorRow({ brand, connector }: { brand: Brand; connector: Connector }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState('');
  const [replacing, setReplacing] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: brandKeys.connectors(brand.id) });
  const update = useMutation({
    mutationFn: (change: { enabled?: boolean; secret?: string }) =>
      updateConnector(brand.id, connector.id, change),
    onSuccess: () => {
      setSecret('');
      setReplacing(false);
      refresh();
      announce('Connector saved');
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteConnector(brand.id, connector.id),
    onSuccess: () => {
      refresh();
      announce('Connector removed');
    },
  });
  const editable = brand.can.manage_connectors;
  const failure = update.error ?? remove.error;
  return (
    <li className="connector" data-connector={connector.kind}>
      <div className="connector-head">
        <span className={`connector-kind connector-kind-${connector.kind}`}>
          {KIND_LABEL[connector.kind]}
        </span>
        <strong>{connector.name}</strong>
        {!connector.enabled && <span className="pill">Off</span>}
      </div>
      <p className="connector-target">{summary(connector)}</p>
      <p className="muted connector-secret">
        Secret: <code>{connector.secret_hint}</code> · up to {connector.max_attempts} attempts
      </p>
      {editable && (
        <div className="connector-actions">
          <label className="check-row">
            <input
              type="checkbox"
              checked={connector.enabled}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ enabled: e.target.checked })}
            />
            Enabled
          </label>
          {replacing ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (secret.trim()) update.mutate({ secret: secret.trim() });
              }}
            >
              <input
                type="password"
                className="connector-secret-input"
                aria-label={`New secret for ${connector.name}`}
                autoComplete="off"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
              <button
                type="submit"
                className="button button-small"
                disabled={!secret.trim() || update.isPending}
              >
                Save secret
              </button>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => setReplacing(false)}
              >
                Cancel
              </button>
            </form>
          ) : (
            <button type="button" className="button button-small" onClick={() => setReplacing(true)}>
              Replace secret
            </button>
          )}
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
          >
            <Icon name="trash" /> Remove
          </button>
        </div>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
    </li>
  );
}

function NewConnectorForm({ brand }: { brand: Brand }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ConnectorKind>('webhook');
  const [name, setName] = useState('');
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState('');
  const [generated, setGenerated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      createConnector(brand.id, {
        kind,
        name: name.trim(),
        settings: Object.fromEntries(SETTINGS[kind].map((f) => [f.key, (settings[f.key] ?? '').trim()])),
        ...(secret.trim() ? { secret: secret.trim() } : {}),
      }),
    onSuccess: (connector) => {
      setGenerated(connector.secret ?? null);
      setName('');
      setSettings({});
      setSecret('');
      void queryClient.invalidateQueries({ queryKey: brandKeys.connectors(brand.id) });
      announce('Connector added');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setGenerated(null);
    create.mutate();
  }
  const secretSpec = SECRET[kind];
  return (
    <form className="form connector-form" onSubmit={submit} aria-labelledby="new-connector-title">
      <h3 id="new-connector-title">Add a destination</h3>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="connector-kind">Kind</label>
          <select id="connector-kind" value={kind} onChange={(e) => setKind(e.target.value as ConnectorKind)}>
            <option value="webhook">Webhook</option>
            <option value="mastodon">Mastodon</option>
            <option value="bluesky">Bluesky</option>
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="connector-name">Name</label>
          <input
            id="connector-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            placeholder={`${KIND_LABEL[kind]} for @${brand.username}`}
          />
        </div>
      </div>
      {SETTINGS[kind].map((field) => (
        <div className="field" key={`${kind}-${field.key}`}>
          <label htmlFor={`connector-${field.key}`}>{field.label}</label>
          <input
            id={`connector-${field.key}`}
            value={settings[field.key] ?? ''}
            onChange={(e) => setSettings((s) => ({ ...s, [field.key]: e.target.value }))}
            placeholder={field.placeholder}
            required
          />
          {field.hint && <p className="field-hint">{field.hint}</p>}
        </div>
      ))}
      <div className="field">
        <label htmlFor="connector-secret">{secretSpec.label}</label>
        <input
          id="connector-secret"
          type="password"
          autoComplete="off"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          required={secretSpec.required}
        />
        <p className="field-hint">{secretSpec.hint}</p>
      </div>
      {create.isError && (
        <p className="form-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      {generated && (
        <div className="invite-created" role="status">
          <p>
            <strong>Copy the signing secret now</strong> — it is not shown again. Give it to the receiver to
            verify signatures:
          </p>
          <div className="copy-link">
            <input
              readOnly
              value={generated}
              aria-label="Signing secret"
              data-testid="connector-secret"
              onFocus={(e) => e.target.select()}
            />
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add destination'}
        </button>
      </div>
    </form>
  );
}

export function BrandConnectorsSection({ brand }: { brand: Brand }) {
  const connectors = useQuery({
    queryKey: brandKeys.connectors(brand.id),
    queryFn: () => listConnectors(brand.id),
  });
  return (
    <section className="card" aria-labelledby="connectors-title">
      <h2 id="connectors-title">Connectors</h2>
      {!brand.external && (
        <p className="field-hint">
          This brand speaks inside the organization only: connectors are used once an administrator lets it
          publish publicly.
        </p>
      )}
      {connectors.isPending && <Spinner label="Loading connectors" />}
      {connectors.isError && <ErrorState error={connectors.error} />}
      {connectors.data && connectors.data.length === 0 && (
        <p className="muted">No destinations yet: posts appear on the brand’s Roost profile only.</p>
      )}
      {connectors.data && connectors.data.length > 0 && (
        <ul className="connector-list">
          {connectors.data.map((c) => (
            <ConnectorRow key={c.id} brand={brand} connector={c} />
          ))}
        </ul>
      )}
      {brand.can.manage_connectors && <NewConnectorForm brand={brand} />}
    </section>
  );
}
