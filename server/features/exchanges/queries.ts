// Reading exchanges with what the presenter needs (names, skill, ledger transaction, references),
// and presenting them for one viewer.
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchangeEvents, exchangeReferences, exchanges, skills } from '../../db/schema.ts';
import type { Exchange, ExchangeDetail, Reference } from '../../../common/exchanges.ts';
import type { SettingsRow } from '../ledger/settings.ts';
import { allowedActions, type ExchangeState, type ExchangeViewer } from './lifecycle.ts';

const name = (id: AnyColumn) => sql<string>`(SELECT u.display_name FROM users u WHERE u.id = ${id})`;

const exchangeColumns = {
  ex: exchanges,
  providerName: name(exchanges.providerId),
  receiverName: name(exchanges.receiverId),
  proposedByName: name(exchanges.proposedBy),
  proxyName: name(exchanges.proxyRecordedBy),
  skillLabel: skills.label,
  transactionId: sql<string | null>`(SELECT t.id FROM ledger_transactions t WHERE t.exchange_id = ${exchanges.id})`,
  reversed: sql<boolean>`EXISTS (SELECT 1 FROM ledger_transactions t JOIN ledger_transactions r ON r.reverses_id = t.id WHERE t.exchange_id = ${exchanges.id})`,
  referencedBy: sql<string[]>`coalesce((SELECT array_agg(r.author_id::text) FROM exchange_references r WHERE r.exchange_id = ${exchanges.id}), '{}')`,
};

export type ExchangeRow = Awaited<ReturnType<typeof selectExchanges>>[number];

/** Exchanges of a community matching `where`, newest first. */
export function selectExchanges(db: Db, communityId: string, where: SQL | undefined, page: { limit: number; offset: number } = { limit: 1, offset: 0 }) {
  return db
    .select(exchangeColumns)
    .from(exchanges)
    .innerJoin(skills, eq(skills.id, exchanges.skillId))
    .where(and(eq(exchanges.communityId, communityId), where))
    .orderBy(desc(exchanges.updatedAt), desc(exchanges.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** One exchange of the community, or undefined. */
export async function findExchange(db: Db, communityId: string, exchangeId: string): Promise<ExchangeRow | undefined> {
  const [row] = await selectExchanges(db, communityId, eq(exchanges.id, exchangeId));
  return row;
}

/** The rules' view of an exchange row. */
export function stateOf(row: ExchangeRow): ExchangeState {
  return {
    status: row.ex.status, approval: row.ex.approval, providerId: row.ex.providerId, receiverId: row.ex.receiverId, proposedBy: row.ex.proposedBy,
    adjustedMinutes: row.ex.adjustedMinutes, transactionId: row.transactionId, reversed: row.reversed, referencedBy: row.referencedBy,
    held: isHeld(row.ex),
  };
}

/** A done exchange no longer waiting for anyone's answer: its automatic confirmation was held for a coordinator. */
export const isHeld = (ex: { status: string; autoConfirmHeldAt: Date | null }): boolean => ex.status === 'done' && ex.autoConfirmHeldAt !== null;

/** When a done exchange confirms itself if nobody answers, or null (not waiting, or held for a coordinator). */
export function autoConfirmAt(ex: { status: string; autoConfirmHeldAt: Date | null; awaitingSince: Date | null }, settings: Pick<SettingsRow, 'autoConfirmDays'>): Date | null {
  if (ex.status !== 'done' || ex.awaitingSince === null || isHeld(ex)) return null;
  return new Date(ex.awaitingSince.getTime() + settings.autoConfirmDays * 86_400_000);
}

/** An exchange as one viewer sees it, with the actions open to them. */
export function presentExchange(row: ExchangeRow, viewer: ExchangeViewer, settings: SettingsRow): Exchange {
  const ex = row.ex;
  const state = stateOf(row);
  const viewerRole = viewer.identities.includes(ex.providerId) ? 'provider' : viewer.identities.includes(ex.receiverId) ? 'receiver' : 'coordinator';
  const confirmsAt = autoConfirmAt(ex, settings);
  return {
    id: ex.id,
    listingId: ex.listingId,
    provider: { id: ex.providerId, displayName: row.providerName },
    receiver: { id: ex.receiverId, displayName: row.receiverName },
    proposedBy: { id: ex.proposedBy, displayName: row.proposedByName },
    skill: { id: ex.skillId, label: row.skillLabel, category: ex.category },
    description: ex.description,
    proposedMinutes: ex.proposedMinutes,
    scheduledFor: ex.scheduledFor?.toISOString() ?? null,
    status: ex.status,
    approval: ex.approval,
    needsSafeguarding: settings.safeguardingCategories.includes(ex.category),
    recordedMinutes: ex.recordedMinutes,
    pendingAdjustment: ex.adjustedMinutes === null ? null : { minutes: ex.adjustedMinutes, note: ex.adjustmentNote },
    confirmedMinutes: ex.confirmedMinutes,
    confirmedAt: ex.confirmedAt?.toISOString() ?? null,
    confirmedHow: ex.confirmedHow,
    autoConfirmAt: confirmsAt?.toISOString() ?? null,
    proxyRecordedBy: ex.proxyRecordedBy ? { id: ex.proxyRecordedBy, displayName: row.proxyName ?? 'Former member' } : null,
    upheldAgainst: ex.upheldAgainst,
    transactionId: row.transactionId,
    reversed: row.reversed,
    viewerRole,
    allowedActions: allowedActions(state, viewer),
    createdAt: ex.createdAt.toISOString(),
    updatedAt: ex.updatedAt.toISOString(),
  };
}

/** The viewer's exchanges (or, for a coordinator asking for all, everyone's). */
export async function listExchanges(db: Db, communityId: string, viewer: ExchangeViewer, settings: SettingsRow, query: { status?: Exchange['status']; role: 'provider' | 'receiver' | 'any'; all: boolean; limit: number; offset: number }) {
  const ids = [...viewer.identities];
  const mine = query.role === 'provider' ? inArray(exchanges.providerId, ids) : query.role === 'receiver' ? inArray(exchanges.receiverId, ids) : or(inArray(exchanges.providerId, ids), inArray(exchanges.receiverId, ids));
  const filters = and(query.all && viewer.coordinator ? undefined : mine, query.status ? eq(exchanges.status, query.status) : undefined);
  const rows = await selectExchanges(db, communityId, filters, query);
  return rows.map((row) => presentExchange(row, viewer, settings));
}

/** What waits for coordinators: exchanges needing approval and open disputes. */
export async function exchangeQueue(db: Db, communityId: string, viewer: ExchangeViewer, settings: SettingsRow) {
  const [approvals, disputes, held] = await Promise.all([
    selectExchanges(db, communityId, and(eq(exchanges.approval, 'pending'), inArray(exchanges.status, ['proposed', 'accepted'])), { limit: 200, offset: 0 }),
    selectExchanges(db, communityId, eq(exchanges.status, 'disputed'), { limit: 200, offset: 0 }),
    selectExchanges(db, communityId, and(eq(exchanges.status, 'done'), isNotNull(exchanges.autoConfirmHeldAt)), { limit: 200, offset: 0 }),
  ]);
  const present = (rows: ExchangeRow[]) => rows.map((r) => presentExchange(r, viewer, settings));
  return { approvals: present(approvals), disputes: present(disputes), held: present(held) };
}

/** An exchange with its timeline and references; 404 for anyone but the two parties and coordinators. */
export async function exchangeDetail(db: Db, communityId: string, row: ExchangeRow, viewer: ExchangeViewer, settings: SettingsRow): Promise<ExchangeDetail> {
  const [events, references] = await Promise.all([
    db.select({ e: exchangeEvents, actorName: name(exchangeEvents.actorId), onBehalfName: name(exchangeEvents.onBehalfOf) })
      .from(exchangeEvents)
      .where(and(eq(exchangeEvents.communityId, communityId), eq(exchangeEvents.exchangeId, row.ex.id)))
      .orderBy(asc(exchangeEvents.id)),
    listReferences(db, communityId, eq(exchangeReferences.exchangeId, row.ex.id)),
  ]);
  return {
    ...presentExchange(row, viewer, settings),
    events: events.map(({ e, actorName, onBehalfName }) => ({
      id: e.id, kind: e.kind, minutes: e.minutes, note: e.note, createdAt: e.createdAt.toISOString(),
      actor: e.actorId ? { id: e.actorId, displayName: actorName } : null,
      onBehalfOf: e.onBehalfOf ? { id: e.onBehalfOf, displayName: onBehalfName } : null,
    })),
    references,
  };
}

/** References matching `where` in a community, newest first. */
export async function listReferences(db: Db, communityId: string, where: SQL, limit = 100): Promise<Reference[]> {
  const rows = await db
    .select({ r: exchangeReferences, authorName: name(exchangeReferences.authorId), subjectName: name(exchangeReferences.subjectId) })
    .from(exchangeReferences)
    .where(and(eq(exchangeReferences.communityId, communityId), where))
    .orderBy(desc(exchangeReferences.createdAt))
    .limit(limit);
  return rows.map(({ r, authorName, subjectName }) => ({
    id: r.id, exchangeId: r.exchangeId, body: r.body, wouldExchangeAgain: r.wouldExchangeAgain, createdAt: r.createdAt.toISOString(),
    author: { id: r.authorId, displayName: authorName }, subject: { id: r.subjectId, displayName: subjectName },
  }));
}
