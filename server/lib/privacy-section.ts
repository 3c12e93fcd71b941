import type { Db } from '../db/client.ts';

/**
 * A feature's part in a person's privacy rights: what it adds to their data export, and what
 * it erases when they delete their account (inside the deletion's transaction). Facts that
 * other people rely on (ledger entries, references, vouches) are kept; the person's name on
 * them is already anonymised by the deletion itself.
 */
export type PrivacySection = {
  key: string;
  collect(db: Db, userId: string): Promise<Record<string, unknown>[]>;
  erase(tx: Db, userId: string): Promise<void>;
};
