/** A member id as the server or a CSV file gives it. Ids compare with SameValueZero, so `1` and `'1'` are different members. */
export type MemberId = string | number;

/**
 * Maps member ids to dense numbers 0..size-1 in first-seen order. The numbering is
 * append-only, so a graph rebuilt with the same index keeps every member's number, which is
 * what lets a recompute warm-start from the previous scores without a lookup per member.
 */
export class MemberIndex {
  private readonly byId = new Map<MemberId, number>();
  private readonly list: MemberId[] = [];
  // Members 0..implicit-1 have their own number as id and live in neither the map nor the
  // list: a million-member numbered graph then costs no hashing at all.
  private implicit = 0;

  /** Returns an index whose first `count` members have the ids 0..count-1. */
  static numbered(count: number): MemberIndex {
    const index = new MemberIndex();
    index.implicit = count;
    return index;
  }

  /** Returns the dense number of `id`, adding the member if it is new. */
  intern(id: MemberId): number {
    const known = this.lookup(id);
    if (known >= 0) return known;
    const n = this.size;
    this.byId.set(id, n);
    this.list.push(id);
    return n;
  }

  /** Returns the dense number of `id`, or -1 when the member is unknown. */
  lookup(id: MemberId): number {
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < this.implicit) return id;
    return this.byId.get(id) ?? -1;
  }

  /** Returns the id of dense member number `n`. */
  idOf(n: number): MemberId {
    return n < this.implicit ? n : this.list[n - this.implicit];
  }

  /** Number of members seen so far. */
  get size(): number {
    return this.implicit + this.list.length;
  }
}
