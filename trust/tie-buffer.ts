import { MemberIndex, type MemberId } from './member-index.ts';
import type { TieArrays } from './trust-graph.ts';

/** Collects ties by member id into growable typed arrays (no object per tie). */
export class TieBuffer {
  private source = new Int32Array(1024);
  private target = new Int32Array(1024);
  private weight = new Float64Array(1024);
  private count = 0;

  constructor(readonly members: MemberIndex = new MemberIndex()) {}

  /** Adds weight to the tie from `actor` to `subject` (repeated pairs add up when the graph is built). */
  add(actor: MemberId, subject: MemberId, weight: number): void {
    const s = this.members.intern(actor);
    const t = this.members.intern(subject);
    if (this.count === this.source.length) this.grow();
    this.source[this.count] = s;
    this.target[this.count] = t;
    this.weight[this.count] = weight;
    this.count++;
  }

  /** Number of ties added. */
  get length(): number {
    return this.count;
  }

  /** The ties as arrays over every member the index knows. */
  toArrays(): TieArrays {
    return { memberCount: this.members.size, source: this.source, target: this.target, weight: this.weight, length: this.count };
  }

  private grow(): void {
    const size = this.source.length * 2;
    const source = new Int32Array(size);
    source.set(this.source);
    this.source = source;
    const target = new Int32Array(size);
    target.set(this.target);
    this.target = target;
    const weight = new Float64Array(size);
    weight.set(this.weight);
    this.weight = weight;
  }
}
