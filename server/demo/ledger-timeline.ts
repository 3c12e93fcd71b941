// The balances of one demo community's ledger over time, so that postings the demo adds in the
// past (donations, grants, group and proxy exchanges) keep to the rules the ledger service
// applies when it posts (ledger/posting.ts limitBreach and the donor's no-overdraw rule), both
// at the moment they are dated and at every later posting, whose own checks would otherwise
// have seen different balances. Postings that may still happen (exchanges in flight) are
// reserved at the end of time, credits and debits apart, so that whatever the members do next,
// in whatever order, stays within the limits.
import type { SettingsRow } from '../features/ledger/settings.ts';

/** The community fund's owner key; members are keyed by user id. */
export const FUND = 'fund';
/** The moment of a posting that has not happened yet. */
export const LATER = Number.MAX_SAFE_INTEGER;

export type TimelineLeg = { owner: string; amount: number };
/** A posting's leg; `floor` is the least its account had to keep after it (0 for a donor's gift). */
type Point = { at: number; amount: number; floor?: number };

export class LedgerTimeline {
  private readonly points = new Map<string, Point[]>();
  /** Reserved for postings that may still happen: the most each account could still gain and lose. */
  private readonly reserved = new Map<string, { up: number; down: number }>();

  constructor(private readonly limits: Pick<SettingsRow, 'mode' | 'maxDebitMinutes' | 'maxCreditMinutes'>, entries: readonly { owner: string; at: number; amount: number }[]) {
    for (const e of entries) this.list(e.owner).push({ at: e.at, amount: e.amount });
    for (const list of this.points.values()) list.sort((a, b) => a.at - b.at);
  }

  private list(owner: string): Point[] {
    let list = this.points.get(owner);
    if (!list) this.points.set(owner, (list = []));
    return list;
  }

  /** The balance just after everything posted up to `at` (inclusive). */
  balanceAt(owner: string, at: number): number {
    let sum = 0;
    for (const p of this.points.get(owner) ?? []) if (p.at <= at) sum += p.amount;
    return sum;
  }

  /**
   * Whether these legs, posted at `at` (LATER for a reservation), break no rule then or at any
   * later posting: a member's balance stays within the debit and credit limits in the direction
   * it moves, the fund never goes below zero, and an account in `noOverdraw` has the hours it
   * gives at the time. The reservations count at their worst: every one in the leg's direction settled.
   */
  fits(legs: readonly TimelineLeg[], at: number, noOverdraw: readonly string[] = []): boolean {
    return legs.every((leg) => {
      const floor = leg.owner === FUND ? 0 : this.limits.mode === 'participation' ? -Infinity : -this.limits.maxDebitMinutes;
      const ceiling = leg.owner === FUND || this.limits.mode === 'participation' ? Infinity : this.limits.maxCreditMinutes;
      let running = this.balanceAt(leg.owner, at) + leg.amount;
      if (noOverdraw.includes(leg.owner) && running < 0) return false;
      const within = (b: number) => (leg.amount < 0 ? b >= floor : b <= ceiling);
      if (!within(running)) return false;
      for (const p of this.points.get(leg.owner) ?? []) {
        if (p.at <= at) continue;
        running += p.amount;
        // A later gift was checked against a balance that this leg would now lower.
        if (!within(running) || (leg.amount < 0 && p.floor !== undefined && running < p.floor)) return false;
      }
      // `running` is now the final balance with this leg in; the reservations come on top.
      const reserved = this.reserved.get(leg.owner) ?? { up: 0, down: 0 };
      return within(running + (leg.amount < 0 ? -reserved.down : reserved.up));
    });
  }

  /** Records legs posted at `at` (checked with fits first); at LATER they are reserved. */
  post(legs: readonly TimelineLeg[], at: number, noOverdraw: readonly string[] = []): void {
    for (const leg of legs) {
      if (at === LATER) {
        const reserved = this.reserved.get(leg.owner) ?? { up: 0, down: 0 };
        this.reserved.set(leg.owner, leg.amount < 0 ? { ...reserved, down: reserved.down - leg.amount } : { ...reserved, up: reserved.up + leg.amount });
        continue;
      }
      const list = this.list(leg.owner);
      let i = list.length;
      while (i > 0 && list[i - 1].at > at) i--;
      list.splice(i, 0, noOverdraw.includes(leg.owner) ? { at, amount: leg.amount, floor: 0 } : { at, amount: leg.amount });
    }
  }

  /** Posts the legs if they fit; says whether they did. */
  tryPost(legs: readonly TimelineLeg[], at: number, noOverdraw: readonly string[] = []): boolean {
    if (!this.fits(legs, at, noOverdraw)) return false;
    this.post(legs, at, noOverdraw);
    return true;
  }
}
