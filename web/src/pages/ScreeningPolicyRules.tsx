/**
 * The per-audience rule actions of the screening policy: for each category and each rule, the
 * action for staff posts (internal) and for public brand posts (external). "Default" leaves the
 * key out of the document, so the category's setting or the built-in action applies.
 */
import { Fragment } from 'react';
import type {
  PolicyDocument,
  RuleInfo,
  ScreeningAction,
  ScreeningAudience,
} from '../components/ScreeningApi.js';
import { SCREENING_ACTIONS } from '../components/ScreeningActions.js';

const AUDIENCES: { key: ScreeningAudience; label: string }[] = [
  { key: 'internal', label: 'Staff posts' },
  { key: 'external', label: 'Public posts' },
];

function ActionSelect({
  label,
  value,
  fallback,
  onChange,
}: {
  label: string;
  value: ScreeningAction | undefined;
  fallback: string;
  onChange: (action: ScreeningAction | undefined) => void;
}) {
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as ScreeningAction))}
    >
      <option value="">Default ({fallback})</option>
      {SCREENING_ACTIONS.map((action) => (
        <option key={action} value={action}>
          {action}
        </option>
      ))}
    </select>
  );
}

export function PolicyRulesEditor({
  rules,
  document,
  onChange,
}: {
  rules: RuleInfo[];
  document: PolicyDocument;
  onChange: (document: PolicyDocument) => void;
}) {
  const categories = [...new Set(rules.map((r) => r.category))];

  function set(audience: ScreeningAudience, key: string, action: ScreeningAction | undefined) {
    const next = { ...document.rules[audience] };
    if (action === undefined) delete next[key];
    else next[key] = action;
    // A rule's own action wins over its category's: setting a whole category clears its rules, as it says.
    if (action !== undefined && categories.includes(key)) {
      for (const rule of rules) if (rule.category === key) delete next[rule.id];
    }
    onChange({ ...document, rules: { ...document.rules, [audience]: next } });
  }

  return (
    <div className="table-wrap">
      <table className="table policy-rules-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            {AUDIENCES.map((a) => (
              <th key={a.key} scope="col">
                {a.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category) => (
            <Fragment key={category}>
              <tr className="policy-rule-category">
                <td>All {category} rules</td>
                {AUDIENCES.map((a) => (
                  <td key={a.key}>
                    <ActionSelect
                      label={`${a.label}: all ${category} rules`}
                      value={document.rules[a.key][category]}
                      fallback="per rule"
                      onChange={(action) => set(a.key, category, action)}
                    />
                  </td>
                ))}
              </tr>
              {rules
                .filter((r) => r.category === category)
                .map((rule) => (
                  <tr key={rule.id}>
                    <td>
                      <span className="policy-rule-id">{rule.id}</span>
                    </td>
                    {AUDIENCES.map((a) => (
                      <td key={a.key}>
                        <ActionSelect
                          label={`${a.label}: ${rule.id}`}
                          value={document.rules[a.key][rule.id]}
                          fallback={document.rules[a.key][category] ?? rule[a.key]}
                          onChange={(action) => set(a.key, rule.id, action)}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
