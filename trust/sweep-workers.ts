import { Worker } from 'node:worker_threads';
import { sweepRange, residualRange, type SweepArrays } from './trust-sweep.ts';

// Worker threads run the same sweep functions as the main thread, shipped as source text, so
// no loader (tsx, vitest) has to be present in the worker. Each thread owns a contiguous
// range of nodes and sweeps it in place over the shared score vector; reads across the range
// boundary see the other thread's older or newer values. That is asynchronous relaxation,
// which converges to the same fixed point for any interleaving because the iteration matrix
// is non-negative with spectral radius at most d < 1 (Chazan and Miranker, 1969). The price is
// that scores from two threads can differ from one run to the next in the last few digits.

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const sweepRange = ${sweepRange.toString()};
const residualRange = ${residualRange.toString()};
const { control, sums, slot, lo, hi, arrays } = workerData;
const omegaCell = workerData.omega;
let generation = 0;
for (;;) {
  Atomics.wait(control, 0, generation);
  generation = Atomics.load(control, 0);
  const command = Atomics.load(control, 1);
  if (command === 2) break;
  sums[slot] = command === 0
    ? sweepRange(arrays, lo, hi, omegaCell[0])
    : residualRange(arrays, lo, hi);
  Atomics.add(control, 2, 1);
  Atomics.notify(control, 2);
}
`;


/**
 * A team of threads sweeping one system: the calling thread takes the first range and
 * `threads − 1` workers the rest. The calling thread blocks while workers finish a sweep,
 * so the whole solve stays synchronous for its caller.
 */
export class SweepWorkers {
  private readonly control = new Int32Array(new SharedArrayBuffer(12));
  private readonly omega = new Float64Array(new SharedArrayBuffer(8));
  private readonly sums: Float64Array;
  private readonly workers: Worker[] = [];
  private readonly bounds: number[];

  constructor(
    private readonly arrays: SweepArrays,
    n: number,
    threads: number,
  ) {
    // Split by ties, not members: the work of a sweep is proportional to the ties.
    const m = arrays.inStart[n];
    this.bounds = [0];
    let v = 0;
    for (let k = 1; k < threads; k++) {
      const goal = (m * k) / threads;
      while (v < n && arrays.inStart[v] < goal) v++;
      this.bounds.push(v);
    }
    this.bounds.push(n);
    this.sums = new Float64Array(new SharedArrayBuffer(8 * threads));
    for (let k = 1; k < threads; k++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        execArgv: [],
        workerData: { arrays, control: this.control, omega: this.omega, sums: this.sums, slot: k, lo: this.bounds[k], hi: this.bounds[k + 1] },
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Runs one sweep (command 0) or residual pass (command 1) on every range; returns the summed result. */
  run(command: 0 | 1, omega: number): number {
    const c = this.control;
    this.omega[0] = omega;
    Atomics.store(c, 1, command);
    Atomics.store(c, 2, 0);
    Atomics.add(c, 0, 1);
    Atomics.notify(c, 0);
    const [lo, hi] = [this.bounds[0], this.bounds[1]];
    let total = command === 0 ? sweepRange(this.arrays, lo, hi, omega) : residualRange(this.arrays, lo, hi);
    for (let done = Atomics.load(c, 2); done < this.workers.length; done = Atomics.load(c, 2)) Atomics.wait(c, 2, done);
    for (let k = 1; k <= this.workers.length; k++) total += this.sums[k];
    return total;
  }

  /** Stops the workers. */
  close(): void {
    Atomics.store(this.control, 1, 2);
    Atomics.add(this.control, 0, 1);
    Atomics.notify(this.control, 0);
    for (const worker of this.workers) void worker.terminate();
  }
}
