import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERIFICATION_LEVELS, type VerificationLevel } from '../../../common/verification.ts';
import { addDays, daysBetween, formatDate, todayIn } from './dates.ts';
import { computeLevel, countQualifyingVouches, levelAtLeast, mayVouch, type CheckFact, type VerificationFacts, type VouchFact } from './levels.ts';

const TODAY = '2026-06-15';
const vouch = (voucherId: string, voucherLevel: string = 'verified'): VouchFact => ({ voucherId, voucherLevel });
const identity = (checkedOn = '2026-01-10'): CheckFact => ({ kind: 'identity_address', checkedOn, expiresOn: null });
const dbs = (expiresOn: string, checkedOn = '2025-06-01'): CheckFact => ({ kind: 'dbs', checkedOn, expiresOn });
const facts = (vouches: VouchFact[] = [], checks: CheckFact[] = []): VerificationFacts => ({ vouches, checks });

describe('computeLevel: the rules by example', () => {
  it('starts everyone at registered, needing two vouches or a check', () => {
    const result = computeLevel(facts(), TODAY);
    expect(result.level).toBe('registered');
    expect(result.nextStep).toMatchObject({ code: 'vouches_needed', vouchesNeeded: 2 });
    expect(result.nextStep.message).toBe('Needs two vouches from verified members, or an identity and address check in person with a coordinator.');
  });

  it('says one more vouch is needed after one qualifying vouch', () => {
    const result = computeLevel(facts([vouch('a')]), TODAY);
    expect(result.level).toBe('registered');
    expect(result.nextStep.vouchesNeeded).toBe(1);
    expect(result.nextStep.message).toMatch(/^Needs one more vouch from a verified member/);
  });

  it('makes someone vouched with two vouches from distinct verified members', () => {
    const result = computeLevel(facts([vouch('a'), vouch('b', 'safeguarding-checked')]), TODAY);
    expect(result).toMatchObject({ level: 'vouched', vouchCount: 2, qualifyingVouchCount: 2 });
    expect(result.nextStep.code).toBe('identity_check_needed');
  });

  it('does not count vouches from members below verified, nor the same voucher twice', () => {
    expect(computeLevel(facts([vouch('a', 'registered'), vouch('b', 'vouched')]), TODAY).level).toBe('registered');
    const twice = computeLevel(facts([vouch('a'), vouch('a')]), TODAY);
    expect(twice).toMatchObject({ level: 'registered', vouchCount: 2, qualifyingVouchCount: 1 });
  });

  it('makes someone verified with an identity and address check, whatever their vouches', () => {
    const result = computeLevel(facts([], [identity()]), TODAY);
    expect(result.level).toBe('verified');
    expect(result.nextStep.code).toBe('dbs_check_optional');
  });

  it('makes a verified member safeguarding-checked with a DBS that expires after today', () => {
    const result = computeLevel(facts([], [identity(), dbs('2027-06-01')]), TODAY);
    expect(result).toMatchObject({ level: 'safeguarding-checked', dbsExpiresOn: '2027-06-01' });
    expect(result.nextStep.code).toBe('complete');
  });

  it('lets a DBS lapse on its expiry date: an expired DBS drops back to verified', () => {
    expect(computeLevel(facts([], [identity(), dbs(TODAY)]), TODAY).level).toBe('verified');
    expect(computeLevel(facts([], [identity(), dbs(addDays(TODAY, 1))]), TODAY).level).toBe('safeguarding-checked');
    const lapsed = computeLevel(facts([], [identity(), dbs('2026-03-03')]), TODAY);
    expect(lapsed.level).toBe('verified');
    expect(lapsed.nextStep.code).toBe('dbs_expired');
    expect(lapsed.nextStep.message).toContain('expired on 3 March 2026');
  });

  it('uses the latest DBS on file when there are several', () => {
    const result = computeLevel(facts([], [identity(), dbs('2026-01-01'), dbs('2028-01-01'), dbs('2027-01-01')]), TODAY);
    expect(result).toMatchObject({ level: 'safeguarding-checked', dbsExpiresOn: '2028-01-01' });
  });

  it('does not make someone safeguarding-checked on a DBS alone, without an identity check', () => {
    expect(computeLevel(facts([], [dbs('2027-06-01')]), TODAY).level).toBe('registered');
    expect(computeLevel(facts([vouch('a'), vouch('b')], [dbs('2027-06-01')]), TODAY).level).toBe('vouched');
  });

  it('warns when the DBS expires within 60 days, counting the days', () => {
    const result = computeLevel(facts([], [identity(), dbs(addDays(TODAY, 30))]), TODAY);
    expect(result.nextStep).toMatchObject({ code: 'dbs_expiring', daysLeft: 30 });
    expect(result.nextStep.message).toMatch(/^DBS expires in 30 days \(on 15 July 2026\)/);
    expect(computeLevel(facts([], [identity(), dbs(addDays(TODAY, 1))]), TODAY).nextStep.message).toMatch(/^DBS expires tomorrow/);
    expect(computeLevel(facts([], [identity(), dbs(addDays(TODAY, 61))]), TODAY).nextStep.code).toBe('complete');
  });
});

describe('levelAtLeast and mayVouch', () => {
  it('orders the levels and refuses unknown ones', () => {
    expect(levelAtLeast('verified', 'vouched')).toBe(true);
    expect(levelAtLeast('vouched', 'verified')).toBe(false);
    expect(levelAtLeast('nonsense', 'registered')).toBe(false);
    expect(VERIFICATION_LEVELS.filter(mayVouch)).toEqual(['verified', 'safeguarding-checked']);
  });
});

describe('dates', () => {
  it('adds and counts days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(formatDate('2026-03-03')).toBe('3 March 2026');
  });

  it('takes today in London, which is a day ahead of New York late in the evening', () => {
    const lateEvening = new Date('2026-06-15T23:30:00Z');
    expect(todayIn('Europe/London', lateEvening)).toBe('2026-06-16');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-06-15');
  });
});

// Arbitrary facts: a few vouchers (so duplicates happen), any recorded level, dates around TODAY.
const dateArb = fc.integer({ min: -800, max: 800 }).map((offset) => addDays(TODAY, offset));
const vouchArb = fc.record({ voucherId: fc.constantFrom('a', 'b', 'c', 'd', 'e'), voucherLevel: fc.constantFrom<string>(...VERIFICATION_LEVELS, 'unknown') });
const checkArb: fc.Arbitrary<CheckFact> = fc.oneof(
  dateArb.map((checkedOn) => identity(checkedOn)),
  fc.tuple(dateArb, fc.integer({ min: 1, max: 1500 })).map(([checkedOn, length]) => dbs(addDays(checkedOn, length), checkedOn)),
);
const factsArb = fc.record({ vouches: fc.array(vouchArb, { maxLength: 8 }), checks: fc.array(checkArb, { maxLength: 5 }) });
const rank = (level: VerificationLevel) => VERIFICATION_LEVELS.indexOf(level);

describe('computeLevel: properties', () => {
  it('matches the definition of each level', () => {
    fc.assert(
      fc.property(factsArb, dateArb, (f, today) => {
        const { level } = computeLevel(f, today);
        const verifiedVouchers = new Set(f.vouches.filter((v) => v.voucherLevel === 'verified' || v.voucherLevel === 'safeguarding-checked').map((v) => v.voucherId));
        const identityChecked = f.checks.some((c) => c.kind === 'identity_address');
        const dbsCurrent = f.checks.some((c) => c.kind === 'dbs' && c.expiresOn! > today);
        expect(level === 'safeguarding-checked').toBe(identityChecked && dbsCurrent);
        expect(level === 'verified').toBe(identityChecked && !dbsCurrent);
        expect(level === 'vouched').toBe(!identityChecked && verifiedVouchers.size >= 2);
        expect(level === 'registered').toBe(!identityChecked && verifiedVouchers.size < 2);
      }),
    );
  });

  it('never lowers a level when a fact is added', () => {
    fc.assert(
      fc.property(factsArb, dateArb, fc.oneof(vouchArb.map((v) => ({ v })), checkArb.map((c) => ({ c }))), (f, today, extra) => {
        const before = computeLevel(f, today).level;
        const more = 'v' in extra ? { vouches: [...f.vouches, extra.v], checks: f.checks } : { vouches: f.vouches, checks: [...f.checks, extra.c] };
        expect(rank(computeLevel(more, today).level)).toBeGreaterThanOrEqual(rank(before));
      }),
    );
  });

  it('never raises a level as time passes (only a DBS lapsing changes with the date)', () => {
    fc.assert(
      fc.property(factsArb, dateArb, fc.integer({ min: 0, max: 2000 }), (f, today, later) => {
        const now = computeLevel(f, today).level;
        const then = computeLevel(f, addDays(today, later)).level;
        expect(rank(then)).toBeLessThanOrEqual(rank(now));
        if (now !== 'safeguarding-checked') expect(then).toBe(now);
      }),
    );
  });

  it('does not depend on the order of the facts, nor on repeated vouches', () => {
    fc.assert(
      fc.property(factsArb, dateArb, (f, today) => {
        const result = computeLevel(f, today);
        const shuffled = { vouches: [...f.vouches].reverse(), checks: [...f.checks].reverse() };
        expect(computeLevel(shuffled, today)).toEqual(result);
        const doubled = { vouches: [...f.vouches, ...f.vouches], checks: f.checks };
        expect(computeLevel(doubled, today).level).toBe(result.level);
        expect(countQualifyingVouches(doubled.vouches)).toBe(result.qualifyingVouchCount);
      }),
    );
  });

  it('ignores vouches from members who were below verified', () => {
    fc.assert(
      fc.property(factsArb, dateArb, fc.array(vouchArb.map((v) => ({ ...v, voucherLevel: 'vouched' })), { maxLength: 5 }), (f, today, weak) => {
        const with_ = computeLevel({ vouches: [...f.vouches, ...weak], checks: f.checks }, today);
        const without = computeLevel(f, today);
        expect(with_.level).toBe(without.level);
        expect(with_.qualifyingVouchCount).toBe(without.qualifyingVouchCount);
      }),
    );
  });

  it('always gives a next step that fits the level', () => {
    fc.assert(
      fc.property(factsArb, dateArb, (f, today) => {
        const { level, nextStep, qualifyingVouchCount, dbsExpiresOn } = computeLevel(f, today);
        expect(nextStep.message.length).toBeGreaterThan(10);
        const expected: Record<VerificationLevel, string[]> = {
          registered: ['vouches_needed'],
          vouched: ['identity_check_needed'],
          verified: ['dbs_check_optional', 'dbs_expired'],
          'safeguarding-checked': ['dbs_expiring', 'complete'],
        };
        expect(expected[level]).toContain(nextStep.code);
        if (level === 'registered') expect(nextStep.vouchesNeeded).toBe(2 - qualifyingVouchCount);
        if (level === 'safeguarding-checked') expect(nextStep.daysLeft).toBe(daysBetween(today, dbsExpiresOn!));
        if (nextStep.code === 'dbs_expiring') expect(nextStep.daysLeft).toBeLessThanOrEqual(60);
      }),
    );
  });
});
