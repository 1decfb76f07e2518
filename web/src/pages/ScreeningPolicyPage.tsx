/**
 * The screening policy (admins): the organization's lists (codenames, internal domains, crisis,
 * blocked and allowed terms) and the action of each rule per audience. Saving makes a new version
 * with a note; the history shows who changed what; a version can be exported and a file imported.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import { PageHeader } from '../components/PageHeader.js';
import {
  getPolicy,
  importPolicy,
  POLICY_PATH,
  policyHistory,
  ruleCatalogue,
  savePolicy,
  screeningKeys,
  type PolicyDocument,
  type PolicyLists,
  type PolicyVersion,
} from '../components/ScreeningApi.js';
import '../components/ScreeningStyles.css';
import { ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';
import { isAdmin, useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { formatWhen } from './AdminPage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { PolicyHistory } from './ScreeningPolicyHistory.js';
import { PolicyRulesEditor } from './ScreeningPolicyRules.js';

const LISTS: { key: keyof PolicyLists; label: string; hint: string }[] = [
  {
    key: 'codenames',
    label: 'Codenames',
    hint: 'Internal project and unreleased product names: fine inside, never in public.',
  },
  {
    key: 'internalDomains',
    label: 'Internal domains',
    hint: 'Hosts or suffixes of internal sites, e.g. corp.example.com or *.internal.',
  },
  {
    key: 'crisisTerms',
    label: 'Crisis terms',
    hint: 'Names of an active crisis: public posts about it need review.',
  },
  { key: 'blockedTerms', label: 'Blocked terms', hint: 'Words nobody may post.' },
  {
    key: 'allowedTerms',
    label: 'Allowed terms',
    hint: 'Never a finding, e.g. a public product sharing a word with a codename.',
  },
];

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The editor keeps each list as typed (one term a line) and turns it into a document on save. */
type ListTexts = Record<keyof PolicyLists, string>;

function listTexts(document: PolicyDocument): ListTexts {
  return Object.fromEntries(LISTS.map((l) => [l.key, document.lists[l.key].join('\n')])) as ListTexts;
}

function documentFrom(base: PolicyDocument, texts: ListTexts, name: string): PolicyDocument {
  const lists = Object.fromEntries(
    LISTS.map((l) => [l.key, linesOf(texts[l.key])]),
  ) as unknown as PolicyLists;
  const document: PolicyDocument = { version: 1, lists, rules: base.rules };
  if (name.trim()) document.name = name.trim();
  return document;
}

function Editor({ current }: { current: PolicyVersion }) {
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: screeningKeys.rules, queryFn: ruleCatalogue, staleTime: Infinity });
  const [texts, setTexts] = useState<ListTexts>(() => listTexts(current.document));
  const [document, setDocument] = useState<PolicyDocument>(current.document);
  const [name, setName] = useState(current.document.name ?? '');
  const [note, setNote] = useState('');

  const saved = (version: PolicyVersion) => {
    queryClient.setQueryData(screeningKeys.policy, version);
    void queryClient.invalidateQueries({ queryKey: screeningKeys.history });
    setNote('');
    announce(`Saved as version ${version.version}`);
  };
  const save = useMutation({
    mutationFn: () => savePolicy(documentFrom(document, texts, name), note.trim()),
    onSuccess: saved,
  });
  const upload = useMutation({
    mutationFn: async (file: File) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not a JSON file`);
      }
      return importPolicy(parsed, note.trim() || `Imported from ${file.name}`);
    },
    onSuccess: saved,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) upload.mutate(file);
  }

  const failure = save.error ?? upload.error;
  return (
    <form className="settings" onSubmit={submit} aria-label="Screening policy">
      <section className="card" aria-labelledby="policy-lists-title">
        <h2 id="policy-lists-title">Lists</h2>
        <p className="muted">
          One term a line. Matching ignores case, accents and disguises such as l33t spelling.
        </p>
        <div className="policy-lists">
          {LISTS.map((list) => (
            <div className="field" key={list.key}>
              <label htmlFor={`policy-${list.key}`}>{list.label}</label>
              <textarea
                id={`policy-${list.key}`}
                value={texts[list.key]}
                onChange={(e) => setTexts((t) => ({ ...t, [list.key]: e.target.value }))}
                spellCheck={false}
              />
              <p className="field-hint">{list.hint}</p>
            </div>
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby="policy-rules-title">
        <h2 id="policy-rules-title">Actions</h2>
        <p className="muted">
          allow lets a post through, warn asks its author to confirm, review holds it for a moderator, block
          refuses it.
        </p>
        {rules.isPending && <Spinner label="Loading rules" />}
        {rules.isError && <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />}
        {rules.data && <PolicyRulesEditor rules={rules.data} document={document} onChange={setDocument} />}
      </section>
      <section className="card" aria-labelledby="policy-save-title">
        <h2 id="policy-save-title">Save</h2>
        <div className="inline-form">
          <div className="field">
            <label htmlFor="policy-name">Policy name</label>
            <input id="policy-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field grow">
            <label htmlFor="policy-note">Note for the history</label>
            <input
              id="policy-note"
              value={note}
              maxLength={500}
              placeholder="What changed and why"
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save as new version'}
          </button>
        </div>
        <div className="screening-actions">
          <a className="button" href={`${POLICY_PATH}/export`} download>
            Export JSON
          </a>
          <label className="button">
            Import JSON…
            <input
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              onChange={onFile}
            />
          </label>
        </div>
        {failure && (
          <p className="form-error" role="alert">
            {errorMessage(failure)}
          </p>
        )}
      </section>
    </form>
  );
}

export function ScreeningPolicyPage() {
  useTitle('Screening policy');
  const me = useMe();
  const admin = isAdmin(me);
  const policy = useQuery({ queryKey: screeningKeys.policy, queryFn: getPolicy, enabled: admin });
  const history = useQuery({ queryKey: screeningKeys.history, queryFn: policyHistory, enabled: admin });
  if (!admin) return <NotFoundPage />;
  const subtitle = policy.data
    ? policy.data.version === 0
      ? 'Built-in policy (no version saved yet)'
      : `Version ${policy.data.version}, saved ${formatWhen(policy.data.created_at)}${policy.data.created_by ? ` by @${policy.data.created_by.acct}` : ''}`
    : 'What is screened before posts land';
  return (
    <>
      <PageHeader title="Screening policy" subtitle={subtitle} back />
      {policy.isPending && <Spinner label="Loading the policy" />}
      {policy.isError && <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />}
      {/* A new version (saved or imported) resets the editor to what is now stored. */}
      {policy.data && <Editor key={policy.data.version} current={policy.data} />}
      <div className="settings">
        <section className="card" aria-labelledby="policy-history-title">
          <h2 id="policy-history-title">History</h2>
          {history.isPending && <Spinner label="Loading the history" />}
          {history.isError && <ErrorState error={history.error} onRetry={() => void history.refetch()} />}
          {history.data && <PolicyHistory versions={history.data} />}
        </section>
      </div>
    </>
  );
}
