/** An account row with what presenting it needs: its department and manager. */
import type { Account } from '../../db/schema.js';

export interface HydratedAccount extends Account {
  department: { id: number; name: string } | null;
  manager: { id: number; username: string; display_name: string } | null;
}
