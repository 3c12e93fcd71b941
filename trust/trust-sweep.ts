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

/** Runs one in-place Gauss–Seidel sweep over nodes lo..hi-1 and returns the L1 change in x. */
export function sweepRange(
  lo: number,
  hi: number,
  inStart: Int32Array,
  inSource: Int32Array,
  inWeight: Float32Array | Float64Array,
  y: Float64Array,
  scale: Float64Array,
  base: Float64Array,
  damping: number,
): number {
  let change = 0;
  for (let v = lo; v < hi; v++) {
    const end = inStart[v + 1];
    let e = inStart[v];
    // Two accumulators halve the floating-point dependency chain on long in-lists.
    let s0 = 0;
    let s1 = 0;
    for (; e + 1 < end; e += 2) {
      s0 += inWeight[e] * y[inSource[e]];
      s1 += inWeight[e + 1] * y[inSource[e + 1]];
    }
    if (e < end) s0 += inWeight[e] * y[inSource[e]];
    const x = base[v] + damping * (s0 + s1);
    const k = scale[v];
    const old = y[v] / k;
    y[v] = x * k;
    change += x > old ? x - old : old - x;
  }
  return change;
}

/** Returns the L1 norm of the residual b + d·P̄ᵀx − x over nodes lo..hi-1, without changing y. */
export function residualRange(
  lo: number,
  hi: number,
  inStart: Int32Array,
  inSource: Int32Array,
  inWeight: Float32Array | Float64Array,
  y: Float64Array,
  scale: Float64Array,
  base: Float64Array,
  damping: number,
): number {
  let residual = 0;
  for (let v = lo; v < hi; v++) {
    let s = 0;
    for (let e = inStart[v], end = inStart[v + 1]; e < end; e++) s += inWeight[e] * y[inSource[e]];
    const r = base[v] + damping * s - y[v] / scale[v];
    residual += r > 0 ? r : -r;
  }
  return residual;
}
