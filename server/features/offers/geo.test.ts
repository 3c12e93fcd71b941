import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availabilityOverlap } from './availability.ts';
import { distanceM, fuzzLocation } from './geo.ts';

const point = fc.record({ lat: fc.double({ min: -80, max: 80, noNaN: true }), lng: fc.double({ min: -179, max: 179, noNaN: true }) });

describe('fuzzed locations', () => {
  it('move a point at most about 150 m, and snapping twice changes nothing', () => {
    fc.assert(fc.property(point, (p) => {
      const once = fuzzLocation(p);
      expect(distanceM(p, once)).toBeLessThanOrEqual(150);
      const twice = fuzzLocation(once);
      expect(distanceM(once, twice)).toBeLessThanOrEqual(1);
    }));
  });

  it('put neighbours a few doors apart on the same point', () => {
    const a = fuzzLocation({ lat: 51.50001, lng: -0.10001 });
    const b = fuzzLocation({ lat: 51.50003, lng: -0.10004 });
    expect(a).toEqual(b);
  });

  it('measure distances in metres', () => {
    expect(distanceM({ lat: 51.5, lng: -0.1 }, { lat: 51.5, lng: -0.1 })).toBe(0);
    // One degree of latitude is about 111 km.
    expect(Math.abs(distanceM({ lat: 51, lng: 0 }, { lat: 52, lng: 0 }) - 111_195)).toBeLessThan(50);
  });
});

describe('availability overlap', () => {
  it.each([
    ['weekday evenings', 'Tuesday evening', 1],
    ['weekends', 'Saturday mornings', 1],
    ['Monday mornings', 'Monday afternoons', 0],
    ['weekdays', 'Sunday', 0],
    ['Mon and Wed', 'Wednesday', 1],
    ['mornings', 'mornings or evenings', 1],
    ['Saturday and Sunday afternoons', 'Sunday', 1],
    ['anytime', 'Thursday evening', 1],
  ])('"%s" and "%s" overlap %s', (a, b, expected) => {
    expect(availabilityOverlap(a, b)).toBe(expected);
  });

  it('is unknown when either says nothing it can read', () => {
    expect(availabilityOverlap('', 'Tuesday')).toBeNull();
    expect(availabilityOverlap('ask me', 'whenever suits')).toBeNull();
  });

  it('is symmetric and between 0 and 1', () => {
    const words = fc.array(fc.constantFrom('monday', 'friday', 'weekend', 'weekdays', 'mornings', 'evenings', 'afternoon', 'and', 'or'), { maxLength: 5 }).map((w) => w.join(' '));
    fc.assert(fc.property(words, words, (a, b) => {
      const ab = availabilityOverlap(a, b);
      expect(ab).toBe(availabilityOverlap(b, a));
      if (ab !== null) expect(ab).toBeGreaterThanOrEqual(0);
      if (ab !== null) expect(ab).toBeLessThanOrEqual(1);
    }));
  });
});
