/**
 * The audit log for administrators: every governance action (brands, members, workflow, drafts,
 * approvals, pauses, connectors, deliveries, two-factor), newest first, filtered by brand, actor,
 * action and dates, each row with its before/after details; exported as CSV or JSON with the
 * same filters.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { lookupAccount } from '../api/accounts.js';
import {
  auditExportPath,
  auditListPath,
  brandKeys,
  listBrands,
  type AuditEntry,
  type AuditFilter,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { formatWhen } from '../components/BrandBadges.js';
import { PersonLink, useAccounts } from '../components/BrandPeople.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { LoadMore } from '../components/Timeline.js';
import { flattenPages, usePagedList } from '../hooks/useTimeline.js';
import { isAdmin, useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { NotFoundPage } from './NotFoundPage.js';

/** Actions Roost records, offered as suggestions (the filter matches one action exactly). */
const KNOWN_ACTIONS = [
  'brand.create',
  'brand.update',
  'brand.two_factor_relaxed',
  'brand.two_factor_required',
  'member.add',
  'member.change',
  'member.remove',
  'workflow.update',
  'draft.create',
  'draft.propose',
  'draft.edit',
  'draft.submit',
  'draft.approve',
  'draft.reject',
  'draft.schedule',
  'draft.recall',
  'draft.send',
  'draft.published',
  'draft.retract',
  'draft.screening_blocked',
  'draft.blocked_at_send',
  'draft.review_required_at_send',
  'draft.held_by_pause',
  'draft.break_glass_request',
  'draft.break_glass_confirm',
  'pause.brand',
  'pause.brand_resume',
  'pause.all',
  'pause.all_resume',
  'connector.create',
  'connector.update',
  'connector.delete',
  'delivery.retry',
  'delivery.blocked',
  'delivery.dead',
  'delivery.failed',
  'allowlist.add',
  'allowlist.remove',
  'two_factor.enable',
  'two_factor.disable',
];

interface FormState {
  brand: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: FormState = { brand: '', actor: '', action: '', from: '', to: '' };

/** Dates are days in the viewer's time zone; `to` includes the whole day. */
async function toFilter(form: FormState): Promise<AuditFilter> {
  const filter: AuditFilter = {};
  if (form.brand) filter.brand_id = form.brand;
  if (form.action.trim()) filter.action = form.action.trim();
  if (form.from) filter.from = new Date(`${form.from}T00:00`).toISOString();
  if (form.to) {
    const end = new Date(`${form.to}T00:00`);
    end.setDate(end.getDate() + 1);
    filter.to = end.toISOString();
  }
  if (form.actor.trim()) filter.actor_id = (await lookupAccount(form.actor.trim().replace(/^@/, ''))).id;
  return filter;
}

type Flat = Map<string, string>;

/** `{ a: { b: 1 } }` → `a.b = 1`: leaves by path, so two versions can be compared line by line. */
function flatten(value: unknown, path = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0) out.set(path, Array.isArray(value) ? '[]' : '{}');
    for (const [key, child] of entries) flatten(child, path ? `${path}.${key}` : key, out);
  } else if (path) {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

/** What changed between before and after (when both are objects), for reading at a glance. */
export function changedFields(
  before: unknown,
  after: unknown,
): Array<{ path: string; from: string | null; to: string | null }> {
  if (before === null || after === null || typeof before !== 'object' || typeof after !== 'object') return [];
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((path) => ({ path, from: a.get(path) ?? null, to: b.get(path) ?? null }));
}

function Details({ entry }: { entry: AuditEntry }) {
  const changes = changedFields(entry.before, entry.after);
  return (
    <>
      {changes.length > 0 && (
        <ul className="audit-changes" aria-label="Changed fields">
          {changes.slice(0, 12).map((c) => (
            <li key={c.path}>
              <code>{c.path}</code>: {c.from !== null && <del>{c.from}</del>}{' '}
              {c.to !== null && <ins>{c.to}</ins>}
            </li>
          ))}
          {changes.length > 12 && <li className="muted">…and {changes.length - 12} more</li>}
        </ul>
      )}
      <div className="audit-details">
        <div>
          <h4>Before</h4>
          <pre>{entry.before === null ? '—' : JSON.stringify(entry.before, null, 2)}</pre>
        </div>
        <div>
          <h4>After</h4>
          <pre>{entry.after === null ? '—' : JSON.stringify(entry.after, null, 2)}</pre>
        </div>
      </div>
    </>
  );
}

function AuditTable({ filter }: { filter: AuditFilter }) {
  const path = auditListPath(filter);
  const rows = usePagedList<AuditEntry>(brandKeys.audit(path), path);
  const entries = flattenPages(rows.data);
  const brands = useQuery({ queryKey: brandKeys.list(true), queryFn: () => listBrands(true) });
  const brandNames = new Map((brands.data ?? []).map((b) => [b.id, b.username]));
  const actors = useAccounts(entries.map((e) => e.actor_id));
  const [open, setOpen] = useState<string | null>(null);
  if (rows.isPending) return <Spinner label="Loading the audit log" />;
  if (rows.isError) return <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />;
  if (entries.length === 0) {
    return (
      <EmptyState>
        <h2>Nothing matches</h2>
        <p>Try fewer filters or a wider date range.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <ol className="audit-list" data-testid="audit-table" aria-label="Audit entries, newest first">
        {entries.map((entry) => (
          <li key={entry.id} className="audit-entry" data-action={entry.action}>
            <div className="audit-entry-head">
              <code className="audit-action">{entry.action}</code>
              {entry.brand_id ? (
                <span className="audit-brand">@{brandNames.get(entry.brand_id) ?? entry.brand_id}</span>
              ) : (
                <span className="audit-brand muted">every brand</span>
              )}
              <span className="muted audit-when">{formatWhen(entry.created_at)}</span>
            </div>
            <p className="audit-line">
              {entry.actor_id ? (
                <PersonLink account={actors.get(entry.actor_id)} />
              ) : (
                <span className="muted">Roost (automatic)</span>
              )}
              <span className="muted" title={entry.subject_id ?? undefined}>
                {' '}
                · {entry.subject_type.replace(/_/g, ' ')}
              </span>
            </p>
            {entry.reason && <p className="audit-reason">“{entry.reason}”</p>}
            <button
              type="button"
              className="button button-small button-ghost audit-toggle"
              aria-expanded={open === entry.id}
              aria-controls={`audit-${entry.id}`}
              onClick={() => setOpen(open === entry.id ? null : entry.id)}
            >
              {open === entry.id ? 'Hide details' : 'Details'}
            </button>
            {open === entry.id && (
              <div id={`audit-${entry.id}`} className="audit-details-row">
                <Details entry={entry} />
              </div>
            )}
          </li>
        ))}
      </ol>
      <LoadMore
        hasMore={Boolean(rows.hasNextPage)}
        loading={rows.isFetchingNextPage}
        onLoad={() => void rows.fetchNextPage()}
      />
    </>
  );
}

export function AuditPage() {
  useTitle('Audit log');
  const me = useMe();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [error, setError] = useState<string | null>(null);
  const brands = useQuery({
    queryKey: brandKeys.list(true),
    queryFn: () => listBrands(true),
    enabled: isAdmin(me),
  });
  if (!isAdmin(me)) return <NotFoundPage />;

  async function apply(event: FormEvent) {
    event.preventDefault();
    try {
      setError(null);
      setFilter(await toFilter(form));
    } catch (failure) {
      setError(form.actor ? `No one is called @${form.actor.replace(/^@/, '')}` : errorMessage(failure));
    }
  }
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every governance action, as it happened"
        actions={
          <>
            <a
              className="button button-small"
              href={auditExportPath(filter, 'csv')}
              download
              data-testid="export-csv"
            >
              <Icon name="download" /> CSV
            </a>
            <a
              className="button button-small"
              href={auditExportPath(filter, 'json')}
              download
              data-testid="export-json"
            >
              <Icon name="download" /> JSON
            </a>
          </>
        }
      />
      <form className="audit-filters" onSubmit={(e) => void apply(e)} aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-brand">Brand</label>
          <select id="audit-brand" value={form.brand} onChange={(e) => set({ brand: e.target.value })}>
            <option value="">Any brand</option>
            {(brands.data ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                @{b.username}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Actor</label>
          <input
            id="audit-actor"
            value={form.actor}
            onChange={(e) => set({ actor: e.target.value })}
            placeholder="username"
          />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <input
            id="audit-action"
            list="audit-actions"
            value={form.action}
            onChange={(e) => set({ action: e.target.value })}
            placeholder="e.g. draft.approve"
          />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input
            id="audit-from"
            type="date"
            value={form.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" type="date" value={form.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <div className="audit-filter-actions">
          <button type="submit" className="button button-primary button-small">
            Filter
          </button>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => {
              setForm(EMPTY);
              setFilter({});
              setError(null);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error audit-error" role="alert">
          {error}
        </p>
      )}
      <AuditTable filter={filter} />
    </>
  );
}
