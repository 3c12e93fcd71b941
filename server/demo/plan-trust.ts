// Verifications and vouches for one demo community, following the same rules as the live
// service (server/features/verification): a check is recorded by a coordinator for someone
// else, never dated in the future, and a DBS check is valid when recorded; only a member who
// was verified at the time vouches, mostly for neighbours on their own street, and the vouch
// records the level the voucher had at that moment.
import { KITH_TIME_ZONE, addDays, todayIn } from '../features/verification/dates.ts';
import { VOUCH_NOTES } from './data.ts';
import { DAY_MS, type CommunityCast, type Plan } from './plan.ts';
import type { Random } from './random.ts';

const HOUR_MS = 3_600_000;
const dateOf = (d: Date) => todayIn(KITH_TIME_ZONE, d);
/** The same calendar date `years` later (29 February becomes 28 February). */
const addYears = (date: string, years: number) => {
  const [y, m, d] = date.split('-');
  return `${Number(y) + years}-${m}-${m === '02' && d === '29' ? '28' : d}`;
};

const IDENTITY_NOTES = [
  'Checked passport and a council tax bill at the community centre.',
  'Driving licence and a utility bill, seen at the Tuesday drop-in.',
  'Visited at home; photo ID and tenancy agreement seen.',
  'Bank statement and photo ID checked at the library.',
] as const;

/** Plans the checks and vouches of one community; `excluded` members receive no vouches. */
export function planTrust(plan: Plan, cast: CommunityCast, random: Random, nowDate: Date, excluded: ReadonlySet<number>) {
  const now = nowDate.getTime();
  const today = dateOf(nowDate);
  const c = cast.community;
  const verifiedAt = new Map<number, Date>();
  const dbs = new Map<number, { checkedOn: string; expiresOn: string; createdAt: Date }[]>();
  const joined = (p: number) => cast.joinedAt.get(p)!.getTime();

  const identity = (subject: number, coordinator: number, createdAt: Date) => {
    plan.checks.push({ community: c, subject, coordinator, kind: 'identity_address', checkedOn: dateOf(createdAt), expiresOn: null, reference: '', note: random.pick(IDENTITY_NOTES), createdAt });
    verifiedAt.set(subject, createdAt);
  };
  const dbsCheck = (subject: number, coordinator: number, createdAt: Date, checkedOn: string, expiresOn: string) => {
    const reference = `00${String(random.int(0, 9_999_999_999)).padStart(10, '0')}`;
    plan.checks.push({ community: c, subject, coordinator, kind: 'dbs', checkedOn, expiresOn, reference, note: 'Enhanced DBS certificate seen.', createdAt });
    dbs.set(subject, [...(dbs.get(subject) ?? []), { checkedOn, expiresOn, createdAt }]);
  };
  const otherCoordinator = (subject: number) => random.pick(cast.coordinators.filter((x) => x !== subject));

  // Coordinators check each other, a few days after the community starts.
  cast.coordinators.forEach((subject, i) => {
    const checker = cast.coordinators[(i + 1) % cast.coordinators.length];
    identity(subject, checker, new Date(Math.max(joined(subject), joined(checker)) + random.int(1, 6) * DAY_MS));
  });
  identity(cast.officer, cast.coordinators[0], new Date(joined(cast.officer) + random.int(2, 10) * DAY_MS));
  if (cast.documentedCoordinator !== null) {
    const subject = cast.documentedCoordinator;
    const createdAt = new Date(verifiedAt.get(subject)!.getTime() + DAY_MS);
    const checkedOn = addDays(dateOf(createdAt), -20);
    dbsCheck(subject, otherCoordinator(subject), createdAt, checkedOn, addYears(checkedOn, 3));
  }

  // About four in ten members have met a coordinator to have their identity and address checked.
  for (const subject of cast.regulars) {
    if (subject === cast.documentedMember || excluded.has(subject) || !random.chance(0.45)) continue;
    const at = joined(subject) + random.int(2, 45) * DAY_MS + random.int(0, 600) * 60_000;
    if (at < now - 2 * HOUR_MS) identity(subject, random.pick(cast.coordinators), new Date(at));
  }
  cast.organisations.slice(0, 2).forEach((org) => {
    const at = joined(org) + random.int(3, 20) * DAY_MS;
    if (at < now - 2 * HOUR_MS) identity(org, random.pick(cast.coordinators), new Date(at));
  });

  // A few DBS checks for regulated activity: one has since lapsed, one lapses soon.
  const verifiedRegulars = random.shuffle(cast.regulars.filter((p) => verifiedAt.has(p) && !dbs.has(p)));
  const lapsedIndex = verifiedRegulars.findIndex((p) => verifiedAt.get(p)!.getTime() < now - 70 * DAY_MS);
  if (lapsedIndex >= 0) {
    const [subject] = verifiedRegulars.splice(lapsedIndex, 1);
    const expiresOn = addDays(today, -random.int(20, 45));
    dbsCheck(subject, otherCoordinator(subject), new Date(verifiedAt.get(subject)!.getTime() + DAY_MS), addYears(expiresOn, -3), expiresOn);
  }
  const dbsCount = Math.max(2, Math.round(cast.regulars.length * 0.03));
  verifiedRegulars.slice(0, dbsCount).forEach((subject, i) => {
    const createdAt = new Date(Math.min(verifiedAt.get(subject)!.getTime() + random.int(0, 14) * DAY_MS, now - HOUR_MS));
    if (i === 0) {
      const expiresOn = addDays(today, random.int(10, 50));
      dbsCheck(subject, otherCoordinator(subject), createdAt, addYears(expiresOn, -3), expiresOn);
    } else {
      const checkedOn = addDays(dateOf(createdAt), -random.int(0, 60));
      dbsCheck(subject, otherCoordinator(subject), createdAt, checkedOn, addYears(checkedOn, 3));
    }
  });

  /** The level the live rules would have given `person` at time `t`, if they could vouch. */
  const levelAt = (person: number, t: number): 'verified' | 'safeguarding-checked' | null => {
    const checked = verifiedAt.get(person);
    if (!checked || checked.getTime() >= t) return null;
    const day = dateOf(new Date(t));
    const current = (dbs.get(person) ?? []).some((d) => d.createdAt.getTime() < t && d.checkedOn <= day && d.expiresOn > day);
    return current ? 'safeguarding-checked' : 'verified';
  };

  const pairs = new Set<string>();
  const vouch = (voucher: number, subject: number, t: number) => {
    const level = levelAt(voucher, t);
    if (!level || t >= now - HOUR_MS || t <= joined(subject) || pairs.has(`${voucher}:${subject}`)) return false;
    pairs.add(`${voucher}:${subject}`);
    plan.vouches.push({ community: c, voucher, subject, voucherLevel: level, note: random.pick(VOUCH_NOTES), createdAt: new Date(t) });
    return true;
  };

  // The documented member has two vouches from verified neighbours on their street, and no check yet.
  const member = cast.documentedMember;
  if (member !== null) {
    const street = cast.street.get(member);
    const ready = [...verifiedAt.keys()].filter((p) => plan.people[p].kind === 'person' && verifiedAt.get(p)!.getTime() < now - 20 * DAY_MS);
    const vouchers = [...ready.filter((p) => cast.street.get(p) === street), ...ready.filter((p) => cast.street.get(p) !== street)].slice(0, 2);
    for (const voucher of vouchers) vouch(voucher, member, Math.max(verifiedAt.get(voucher)!.getTime(), joined(member)) + random.int(1, 10) * DAY_MS);
  }

  const subjects = [...cast.coordinators, cast.officer, ...cast.regulars].filter((p) => !excluded.has(p) && p !== member);
  const byStreet = new Map<string, number[]>();
  for (const p of subjects) byStreet.set(cast.street.get(p)!, [...(byStreet.get(cast.street.get(p)!) ?? []), p]);
  const vouchers = [...verifiedAt.keys()].filter((p) => plan.people[p].kind === 'person').sort((a, b) => a - b);
  for (const voucher of vouchers) {
    const count = random.weighted([20, 30, 25, 15, 10]);
    for (let j = 0; j < count; j++) {
      let pool = random.chance(0.8) ? (byStreet.get(cast.street.get(voucher)!) ?? subjects) : subjects;
      pool = pool.filter((p) => p !== voucher && !pairs.has(`${voucher}:${p}`));
      const unverified = pool.filter((p) => !verifiedAt.has(p));
      if (random.chance(0.75) && unverified.length > 0) pool = unverified;
      if (pool.length === 0) continue;
      const subject = random.pick(pool);
      vouch(voucher, subject, Math.max(verifiedAt.get(voucher)!.getTime(), joined(subject)) + random.int(1, 25 * 24) * HOUR_MS);
    }
  }
}
