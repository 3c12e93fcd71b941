import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { timebankSettings } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import type { TimebankSettings, TimebankSettingsUpdate } from '../../../common/ledger.ts';

export type SettingsRow = typeof timebankSettings.$inferSelect;

/** A community's time-bank settings, as the API shows them. */
export function presentSettings(row: SettingsRow): TimebankSettings {
  return {
    communityId: row.communityId,
    mode: row.mode,
    maxDebitMinutes: row.maxDebitMinutes,
    maxCreditMinutes: row.maxCreditMinutes,
    autoConfirmDays: row.autoConfirmDays,
    approvalCategories: row.approvalCategories,
    approvalInHome: row.approvalInHome,
    safeguardingCategories: row.safeguardingCategories,
    homeVisitLevel: row.homeVisitLevel,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The settings row every community has (made with the community by the migration's trigger). */
export async function getSettings(db: Db, communityId: string): Promise<SettingsRow> {
  const [row] = await db.select().from(timebankSettings).where(eq(timebankSettings.communityId, communityId));
  if (!row) throw notFound('community');
  return row;
}

/** A coordinator changes the mode, limits, auto-confirm days, what needs approval (categories, help in someone's home), the categories that need safeguarding, or the level for help in someone's home. */
export async function updateSettings(db: Db, communityId: string, coordinatorId: string, input: TimebankSettingsUpdate): Promise<TimebankSettings> {
  // One UPDATE of only the fields sent, so two coordinators changing different fields both win.
  const [row] = await db
    .update(timebankSettings)
    .set({ ...stripUndefined(input), updatedBy: coordinatorId, updatedAt: new Date() })
    .where(eq(timebankSettings.communityId, communityId))
    .returning();
  if (!row) throw notFound('community');
  return presentSettings(row);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
