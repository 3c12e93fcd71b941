import { availableParallelism } from 'node:os';
import type { TrustGraph } from './trust-graph.ts';
import { sweepRange, residualRange } from './trust-sweep.ts';
import { SweepWorkers } from './sweep-workers.ts';
import { prepareTrustSystem, finishTrust, type CommunityTrust, type CommunityTrustOptions } from './trust-system.ts';

// Below this many ties a worker thread costs more to start (tens of milliseconds) than it saves.
const PARALLEL_MIN_TIES = 2_000_000;

/** Options for computeCommunityTrust: the solver options plus how many threads to use. */
export interface ComputeCommunityTrustOptions extends CommunityTrustOptions {
  /** Threads to sweep with (default: up to 2 for graphs of 2M+ ties, else 1). */
  threads?: number;
}

/**
 * Computes EigenTrust-style community trust, t = d·Cᵀt + (1 − d)·p, by Gauss–Seidel sweeps
 * until a sweep changes the scores by less than the tolerance; warm-starts from `previous`.
 */
export function computeCommunityTrust(graph: TrustGraph, options: ComputeCommunityTrustOptions = {}): CommunityTrust {
  const system = prepareTrustSystem(graph, options);
  const n = graph.nodeCount;
  const threads = Math.max(1, Math.floor(options.threads ?? (graph.tieCount >= PARALLEL_MIN_TIES ? Math.min(2, availableParallelism()) : 1)));
  const arrays = { inStart: graph.inStart, inSource: graph.inSource, inWeight: graph.inWeight, y: system.y, scale: system.scale, base: system.base, damping: system.damping };
  const team = threads > 1 ? new SweepWorkers(arrays, n, threads) : undefined;
  const pass = (command: 0 | 1): number => {
    if (team) return team.run(command);
    const fn = command === 0 ? sweepRange : residualRange;
    return fn(0, n, arrays.inStart, arrays.inSource, arrays.inWeight, arrays.y, arrays.scale, arrays.base, arrays.damping);
  };
  try {
    let iterations = 0;
    while (iterations < system.maxIterations) {
      iterations++;
      if (pass(0) < system.tolerance) break;
    }
    return finishTrust(graph, system, iterations, pass(1));
  } finally {
    team?.close();
  }
}
