/**
 * The organization's rules, as Mastodon's Rule entity lists them (GET /api/v1/instance/rules) and
 * reports cite them. None are configured yet: the list is empty until rules become editable.
 */
export interface Rule {
  id: number;
  text: string;
  hint: string;
}

export const RULES: readonly Rule[] = [];
