import { count, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { conflict } from '../../lib/errors.ts';
import type { SetupBody } from '../../../common/setup.ts';
import { signUp } from '../auth/service.ts';
import { createCommunity } from '../communities/service.ts';

/** True until the first account exists. */
export async function setupRequired(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return n === 0;
}

/**
 * First run: creates the administrator and the first community (with the administrator as its
 * coordinator) in one transaction; a second attempt, even a simultaneous one, gets a 409.
 */
export async function completeSetup(db: Db, input: SetupBody) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(4242002)`);
    if (!(await setupRequired(tx))) throw conflict('setup.done', 'Kith has already been set up. Please sign in instead.');
    const admin = await signUp(tx, input.admin, { isAdmin: true });
    const community = await createCommunity(tx, admin.id, input.community);
    return { adminId: admin.id, community };
  });
}
