/** The screening policy's version history: who saved each version, when, with what note and what changed. */
import type { PolicyChanges, PolicyHistoryEntry } from '../components/ScreeningApi.js';
import { POLICY_PATH } from '../components/ScreeningApi.js';
import { formatWhen } from './AdminPage.js';

const LIST_LABELS: Record<string, string> = {
  codenames: 'Codenames',
  internalDomains: 'Internal domains',
  crisisTerms: 'Crisis terms',
  blockedTerms: 'Blocked terms',
  allowedTerms: 'Allowed terms',
};

function quoteAll(terms: string[]): string {
  const shown = terms.slice(0, 8).map((t) => `“${t}”`);
  return terms.length > 8 ? `${shown.join(', ')} and ${terms.length - 8} more` : shown.join(', ');
}

export function describeChanges(changes: PolicyChanges): string[] {
  const lines: string[] = [];
  if (changes.name) lines.push(`Name: ${changes.name.from ?? '—'} → ${changes.name.to ?? '—'}`);
  for (const list of changes.lists) {
    const label = LIST_LABELS[list.list] ?? list.list;
    if (list.added.length > 0) lines.push(`${label}: added ${quoteAll(list.added)}`);
    if (list.removed.length > 0) lines.push(`${label}: removed ${quoteAll(list.removed)}`);
  }
  for (const rule of changes.rules) {
    const audience = rule.audience === 'internal' ? 'staff' : 'public';
    lines.push(`${rule.rule} (${audience}): ${rule.from ?? 'default'} → ${rule.to ?? 'default'}`);
  }
  return lines;
}

export function PolicyHistory({ versions }: { versions: PolicyHistoryEntry[] }) {
  if (versions.length === 0)
    return <p className="muted">No versions saved yet: the built-in policy applies.</p>;
  return (
    <ol className="policy-history" data-testid="policy-history">
      {versions.map((version) => {
        const lines = describeChanges(version.changes);
        const who = version.created_by ? `@${version.created_by.acct}` : 'someone no longer here';
        return (
          <li key={version.version} data-version={version.version}>
            <strong>Version {version.version}</strong> · {formatWhen(version.created_at)} · {who}
            {version.note && <> · “{version.note}”</>}{' '}
            <a href={`${POLICY_PATH}/export?version=${version.version}`} download>
              Export
            </a>
            {lines.length > 0 ? (
              <ul className="policy-history-changes">
                {lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">No changes.</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
