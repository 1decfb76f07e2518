/**
 * Brand settings: the approval workflow — ordered steps, each naming its approvers (brand roles,
 * people, departments), a quorum (any one, all, or a number) and optionally joining only when
 * screening found certain categories. Saved as a whole; drafts already submitted keep the
 * workflow they were submitted under.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listDepartments, lookupAccount } from '../api/accounts.js';
import {
  BRAND_ROLES,
  brandKeys,
  getWorkflow,
  saveWorkflow,
  SCREENING_CATEGORIES,
  type Brand,
  type BrandRole,
  type Workflow,
  type WorkflowStep,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import { ROLE_LABEL } from '../components/BrandBadges.js';
import { personName, useAccounts } from '../components/BrandPeople.js';
import { Icon } from '../components/Icon.js';
import { ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';

interface StepDraft {
  key: number;
  id?: string;
  name: string;
  roles: BrandRole[];
  people: string[];
  departments: string[];
  quorum: 'any' | 'all' | 'number';
  quorumCount: number;
  conditional: boolean;
  categories: string[];
}

const CATEGORY_LABEL: Record<string, string> = {
  offensive: 'Offensive language',
  sensitive: 'Sensitive topics',
  confidential: 'Confidential (codenames, internal links)',
  personal: 'Personal data',
  secrets: 'Secrets and keys',
  links: 'Links',
  crisis: 'Crisis terms',
};

let stepKeys = 0;

function toDraft(step: WorkflowStep): StepDraft {
  stepKeys += 1;
  return {
    key: stepKeys,
    id: step.id,
    name: step.name,
    roles: [...step.approvers.roles],
    people: [...step.approvers.people],
    departments: [...step.approvers.departments],
    quorum: typeof step.quorum === 'number' ? 'number' : step.quorum,
    quorumCount: typeof step.quorum === 'number' ? step.quorum : 2,
    conditional: Boolean(step.when),
    categories: step.when
      ? step.when.screening_categories.map((c) => (c === 'personal_data' ? 'personal' : c))
      : [],
  };
}

function toStep(draft: StepDraft): WorkflowStep {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim(),
    approvers: { people: draft.people, roles: draft.roles, departments: draft.departments },
    quorum: draft.quorum === 'number' ? draft.quorumCount : draft.quorum,
    when:
      draft.conditional && draft.categories.length > 0 ? { screening_categories: draft.categories } : null,
  };
}

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

function StepEditor({
  step,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft;
  index: number;
  count: number;
  onChange: (patch: Partial<StepDraft>) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const departments = useQuery({
    queryKey: keys.departments,
    queryFn: listDepartments,
    staleTime: 5 * 60_000,
  });
  const people = useAccounts(step.people);
  const [username, setUsername] = useState('');
  const addPerson = useMutation({
    mutationFn: () => lookupAccount(username.trim().replace(/^@/, '')),
    onSuccess: (account) => {
      onChange({ people: toggle(step.people, account.id, true) });
      setUsername('');
    },
  });
  const prefix = `step-${step.key}`;
  return (
    <fieldset className="workflow-step" data-step-index={index}>
      <legend>
        <span className="workflow-step-number">{index + 1}</span> Step {index + 1}
      </legend>
      <div className="workflow-step-tools">
        <button
          type="button"
          className="icon-button"
          aria-label={`Move step ${index + 1} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          <Icon name="arrowUp" />
        </button>
        <button
          type="button"
          className="icon-button workflow-down"
          aria-label={`Move step ${index + 1} down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          <Icon name="arrowUp" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove step ${index + 1}`}
          onClick={onRemove}
        >
          <Icon name="trash" />
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-name`}>Step name</label>
        <input
          id={`${prefix}-name`}
          value={step.name}
          onChange={(e) => onChange({ name: e.target.value })}
          required
          maxLength={80}
        />
      </div>
      <div className="field">
        <span className="field-label">Approvers with these roles</span>
        <div className="check-list">
          {BRAND_ROLES.map((role) => (
            <label key={role} className="check-row">
              <input
                type="checkbox"
                checked={step.roles.includes(role)}
                onChange={(e) => onChange({ roles: toggle(step.roles, role, e.target.checked) })}
              />
              {ROLE_LABEL[role]}s
            </label>
          ))}
        </div>
      </div>
      <div className="field">
        <span className="field-label">and these people</span>
        {step.people.length > 0 && (
          <ul className="chip-list workflow-people">
            {step.people.map((id) => (
              <li key={id}>
                <span className="chip">
                  {personName(people.get(id), id)}
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${personName(people.get(id), id)}`}
                    onClick={() => onChange({ people: toggle(step.people, id, false) })}
                  >
                    <Icon name="close" />
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="inline-form">
          <div className="input-prefix grow">
            <span>@</span>
            <input
              aria-label={`Add a person to step ${index + 1}`}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              placeholder="username"
            />
          </div>
          <button
            type="button"
            className="button button-small"
            disabled={!username.trim() || addPerson.isPending}
            onClick={() => addPerson.mutate()}
          >
            Add person
          </button>
        </div>
        {addPerson.isError && <p className="field-error">{errorMessage(addPerson.error)}</p>}
      </div>
      {departments.data && departments.data.length > 0 && (
        <div className="field">
          <span className="field-label">and people in these departments</span>
          <div className="check-list">
            {departments.data.map((d) => (
              <label key={d.id} className="check-row">
                <input
                  type="checkbox"
                  checked={step.departments.includes(d.id)}
                  onChange={(e) =>
                    onChange({ departments: toggle(step.departments, d.id, e.target.checked) })
                  }
                />
                {d.name}
              </label>
            ))}
          </div>
        </div>
      )}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${prefix}-quorum`}>Quorum</label>
          <select
            id={`${prefix}-quorum`}
            value={step.quorum}
            onChange={(e) => onChange({ quorum: e.target.value as StepDraft['quorum'] })}
          >
            <option value="any">Any one of them</option>
            <option value="all">All of them</option>
            <option value="number">A number of them</option>
          </select>
        </div>
        {step.quorum === 'number' && (
          <div className="field">
            <label htmlFor={`${prefix}-count`}>How many</label>
            <input
              id={`${prefix}-count`}
              type="number"
              min={1}
              max={50}
              value={step.quorumCount}
              onChange={(e) => onChange({ quorumCount: Math.max(1, Number(e.target.value) || 1) })}
            />
          </div>
        )}
      </div>
      <label className="check-row">
        <input
          type="checkbox"
          checked={step.conditional}
          onChange={(e) => onChange({ conditional: e.target.checked })}
        />
        Only when screening found…
      </label>
      {step.conditional && (
        <div className="check-list workflow-categories">
          {SCREENING_CATEGORIES.map((category) => (
            <label key={category} className="check-row">
              <input
                type="checkbox"
                checked={step.categories.includes(category)}
                onChange={(e) =>
                  onChange({ categories: toggle(step.categories, category, e.target.checked) })
                }
              />
              {CATEGORY_LABEL[category] ?? category}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function WorkflowForm({ brand, workflow }: { brand: Brand; workflow: Workflow }) {
  const queryClient = useQueryClient();
  const [steps, setSteps] = useState<StepDraft[]>(() => workflow.steps.map(toDraft));
  const save = useMutation({
    mutationFn: () => saveWorkflow(brand.id, { steps: steps.map(toStep) }),
    onSuccess: (saved) => {
      queryClient.setQueryData(brandKeys.workflow(brand.id), saved);
      setSteps(saved.steps.map(toDraft));
      announce('Workflow saved');
    },
  });
  const editable = brand.can.manage_workflow;
  function change(index: number, patch: Partial<StepDraft>) {
    setSteps((list) => list.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  }
  function move(index: number, by: number) {
    setSteps((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    });
  }
  function add() {
    setSteps((list) => [
      ...list,
      toDraft({
        name: `Step ${list.length + 1}`,
        approvers: { people: [], roles: ['approver'], departments: [] },
        quorum: 'any',
        when: null,
      }),
    ]);
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form className="form" onSubmit={submit}>
      <fieldset className="workflow-steps" disabled={!editable}>
        <legend className="visually-hidden">Steps, in order</legend>
        {steps.length === 0 && (
          <p className="muted">
            No steps: submitted drafts are approved at once. Add a step so someone checks them.
          </p>
        )}
        {steps.map((step, index) => (
          <StepEditor
            key={step.key}
            step={step}
            index={index}
            count={steps.length}
            onChange={(patch) => change(index, patch)}
            onMove={(by) => move(index, by)}
            onRemove={() => setSteps((list) => list.filter((_, i) => i !== index))}
          />
        ))}
      </fieldset>
      {save.isError && (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      {save.isSuccess && !save.isPending && (
        <p className="form-success" role="status">
          Workflow saved. Drafts submitted from now on follow it.
        </p>
      )}
      {editable && (
        <div className="form-actions">
          <button type="button" className="button" onClick={add} disabled={steps.length >= 10}>
            <Icon name="plus" /> Add a step
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save workflow'}
          </button>
        </div>
      )}
    </form>
  );
}

export function BrandWorkflowSection({ brand }: { brand: Brand }) {
  const workflow = useQuery({ queryKey: brandKeys.workflow(brand.id), queryFn: () => getWorkflow(brand.id) });
  return (
    <section className="card" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Approval workflow</h2>
      <p className="field-hint">
        Steps are passed in order. Authors never approve their own drafts, and each person’s approval counts
        on one step only.
      </p>
      {workflow.isPending && <Spinner label="Loading the workflow" />}
      {workflow.isError && <ErrorState error={workflow.error} />}
      {workflow.data && <WorkflowForm key={brand.id} brand={brand} workflow={workflow.data} />}
    </section>
  );
}
