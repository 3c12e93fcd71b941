// Writes what members did together to `interactions`, the trust engine's evidence. Each row is
// one act of size 1, negative for negative evidence; how much a kind counts is the engine's
// KIND_WEIGHTS, applied when the graph is built, so the weight is never counted twice.
import type { Db } from '../../db/client.ts';
import { interactions } from '../../db/schema.ts';
import { KIND_WEIGHTS, type InteractionKind } from '../../../trust/kind-weights.ts';

export type InteractionFact = { actorId: string; subjectId: string; kind: InteractionKind; sourceType: string; sourceId: string; occurredAt?: Date };

/** The interactions rows for some facts (none between a person and themselves). */
export function interactionRows(communityId: string, facts: readonly InteractionFact[]): (typeof interactions.$inferInsert)[] {
  return facts
    .filter((f) => f.actorId !== f.subjectId)
    .map((f) => ({ communityId, actorId: f.actorId, subjectId: f.subjectId, kind: f.kind, weight: Math.sign(KIND_WEIGHTS[f.kind]), sourceType: f.sourceType, sourceId: f.sourceId, occurredAt: f.occurredAt }));
}

/** Appends interactions (skipping any between a person and themselves). */
export async function recordInteractions(db: Db, communityId: string, facts: readonly InteractionFact[]): Promise<void> {
  const rows = interactionRows(communityId, facts);
  if (rows.length > 0) await db.insert(interactions).values(rows);
}

/** Both directions of a tie made by working together (a confirmed exchange is trust acted on by both). */
export function mutual(a: string, b: string, kind: InteractionKind, sourceType: string, sourceId: string, occurredAt?: Date): InteractionFact[] {
  return [
    { actorId: a, subjectId: b, kind, sourceType, sourceId, occurredAt },
    { actorId: b, subjectId: a, kind, sourceType, sourceId, occurredAt },
  ];
}
