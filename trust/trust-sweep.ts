// The inner loops of community trust. They are plain functions over typed arrays with no
// closures or imports, because worker threads receive them as source text (Function#toString)
// and run the very same code the main thread runs.
//
// The iteration solves the linear system x = d·P̄ᵀx + b, where P̄ is the row-normalised tie
// matrix with members who trust nobody left as zero rows, and b = (1 − d)·p. Normalising x
// gives the EigenTrust/PageRank vector in which those members' trust defers to p: the two are
// the same fixed point (Del Corso, Gullì and Romani, 2005), and the linear form needs no
// dangling-mass term, so a Gauss–Seidel sweep can update scores in place.
//
// y[v] holds x[v]·scale[v], where scale[v] is 1/out-strength (or 1 for a member with no
// out-ties, whose y is read by nobody): pulling over in-ties then costs one multiply-add per tie.
// `gather` is the copy of y that the pulls read: y itself for float64 graphs, a Float32 mirror
// for float32 graphs, which halves the cache footprint of the scattered reads (about 30% off a
// sweep at a million members). Each node's own update stays in float64, so the mirror only
// adds a rounding of 6e-8 relative to what each tie carries; the sweeps' change then levels
// off near 1e-9, and the error bound is computed from the float64 iterate.

/** The arrays a sweep reads and writes (on SharedArrayBuffers when worker threads share them). */
export interface SweepArrays {
  inStart: Int32Array;
  inSource: Int32Array;
  inWeight: Float32Array | Float64Array;
  /** The iterate, x·scale. */
  y: Float64Array;
  /** What the pulls read y through: y itself, or a Float32 mirror. */
  gather: Float32Array | Float64Array;
  scale: Float64Array;
  /** (1 − d)·p per node. */
  base: Float64Array;
  damping: number;
}

/**
 * Runs one in-place successive over-relaxation sweep (Gauss–Seidel when omega is 1) over
 * nodes lo..hi-1 and returns the L1 change in x.
 */
export function sweepRange(a: SweepArrays, lo: number, hi: number, omega: number): number {
  const { inStart, inSource, inWeight, y, gather, scale, base, damping } = a;
  let change = 0;
  for (let v = lo; v < hi; v++) {
    const end = inStart[v + 1];
    let e = inStart[v];
    // Two accumulators halve the floating-point dependency chain on long in-lists.
    let s0 = 0;
    let s1 = 0;
    for (; e + 1 < end; e += 2) {
      s0 += inWeight[e] * gather[inSource[e]];
      s1 += inWeight[e + 1] * gather[inSource[e + 1]];
    }
    if (e < end) s0 += inWeight[e] * gather[inSource[e]];
    const k = scale[v];
    const old = y[v] / k;
    // Over-relaxed step, kept non-negative: the solution is non-negative, so clamping can
    // only bring the iterate closer to it.
    let x = old + omega * (base[v] + damping * (s0 + s1) - old);
    if (x < 0) x = 0;
    y[v] = x * k;
    gather[v] = x * k;
    change += x > old ? x - old : old - x;
  }
  return change;
}

/** Returns the L1 norm of the residual b + d·P̄ᵀx − x over nodes lo..hi-1, without changing y. */
export function residualRange(a: SweepArrays, lo: number, hi: number): number {
  const { inStart, inSource, inWeight, y, scale, base, damping } = a;
  let residual = 0;
  for (let v = lo; v < hi; v++) {
    let s = 0;
    for (let e = inStart[v], end = inStart[v + 1]; e < end; e++) s += inWeight[e] * y[inSource[e]];
    const r = base[v] + damping * s - y[v] / scale[v];
    residual += r > 0 ? r : -r;
  }
  return residual;
}
