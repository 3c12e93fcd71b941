import { kindWeight } from './kind-weights.ts';
import { MemberIndex, type MemberId } from './member-index.ts';
import { TieBuffer } from './tie-buffer.ts';
import { graphFromTies, type GraphLayoutOptions, type TrustGraph } from './trust-graph.ts';

/** One tie-forming act, as the interactions table records it. */
export interface Interaction {
  /** A key of KIND_WEIGHTS (or of `kindWeights` in the options). */
  kind: string;
  /** The member who acted: who vouched, confirmed, referenced, lent or complained. */
  actorId: MemberId;
  /** The member the act is about: who was vouched for, helped, referenced or found at fault. */
  subjectId: MemberId;
  /** Size of the act, multiplying the kind's weight (e.g. 1, or hours); must be ≥ 0. */
  weight: number;
  /** When it happened. */
  at: Date | number;
}

/** Options for building the graph from interactions. */
export interface BuildGraphOptions extends GraphLayoutOptions {
  /** The time ages are measured from (default: now). */
  now?: Date | number;
  /**
   * Half-life of a tie's evidence in days (default 365). A year is long enough that a
   * neighbour helped last winter still counts for half, short enough that a tie nobody has
   * renewed in three years has faded to an eighth: trust is kept by doing things together.
   */
  halfLifeDays?: number;
  /** Weights for kinds, overriding or extending KIND_WEIGHTS. */
  kindWeights?: Readonly<Record<string, number>>;
  /** Every member of the community, so that members with no ties still appear (isolation). */
  allMembers?: Iterable<MemberId>;
  /** Reuse a numbering across rebuilds, so a recompute can warm-start by member number. */
  members?: MemberIndex;
}

const DAY_MS = 86_400_000;

/**
 * Builds the directed trust graph from interactions: each act adds kind weight × size ×
 * 2^(−age/half-life) to the tie actor → subject; negative kinds subtract; pairs that end up
 * at zero or below carry no trust.
 */
export function buildGraph(interactions: Iterable<Interaction>, options: BuildGraphOptions = {}): TrustGraph {
  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const halfLifeDays = options.halfLifeDays ?? 365;
  if (!(halfLifeDays > 0)) throw new RangeError(`halfLifeDays must be positive, got ${halfLifeDays}`);
  const members = options.members ?? new MemberIndex();
  for (const id of options.allMembers ?? []) members.intern(id);
  const ties = new TieBuffer(members);
  const decayPerMs = Math.LN2 / (halfLifeDays * DAY_MS);
  for (const it of interactions) {
    const base = options.kindWeights && Object.hasOwn(options.kindWeights, it.kind) ? options.kindWeights[it.kind] : kindWeight(it.kind);
    if (base === undefined) throw new RangeError(`unknown interaction kind '${it.kind}' (add it to kindWeights)`);
    if (!(it.weight >= 0) || !Number.isFinite(it.weight)) throw new RangeError(`interaction weight must be a finite number ≥ 0, got ${it.weight}`);
    const at = typeof it.at === 'number' ? it.at : it.at.getTime();
    if (!Number.isFinite(at)) throw new RangeError('interaction time is not a valid date');
    // Acts dated in the future (clock skew) count as fresh rather than as stronger than fresh.
    const age = Math.max(0, now - at);
    ties.add(it.actorId, it.subjectId, base * it.weight * Math.exp(-decayPerMs * age));
  }
  return graphFromTies(ties.toArrays(), { ...options, members });
}
