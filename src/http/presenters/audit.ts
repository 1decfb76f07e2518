/** Audit log rows for admins: JSON entities and CSV export with proper escaping. */
import type { AuditRow } from '../../services/audit/audit-service.js';
import { iso } from './brand.js';

export function presentAuditRow(row: AuditRow) {
  return {
    id: String(row.id),
    created_at: iso(row.created_at),
    actor_id: row.actor_account_id === null ? null : String(row.actor_account_id),
    action: row.action,
    subject_type: row.subject_type,
    subject_id: row.subject_id === null ? null : String(row.subject_id),
    brand_id: row.brand_id === null ? null : String(row.brand_id),
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    reason: row.reason,
  };
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'created_at',
  'actor_id',
  'action',
  'subject_type',
  'subject_id',
  'brand_id',
  'before',
  'after',
  'reason',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A
 * leading =, +, - or @ is prefixed with an apostrophe so spreadsheets do not run it as a formula.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsvRow(row: AuditRow): string {
  const values: Array<string | null> = [
    String(row.id),
    iso(row.created_at),
    row.actor_account_id === null ? null : String(row.actor_account_id),
    row.action,
    row.subject_type,
    row.subject_id === null ? null : String(row.subject_id),
    row.brand_id === null ? null : String(row.brand_id),
    row.before,
    row.after,
    row.reason,
  ];
  return values.map(csvField).join(',');
}
