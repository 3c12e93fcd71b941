// The demo neighbourhood as plain data, before anything touches a database: who lives where,
// who joined when, and everything they did together, with timestamps spread over the last six
// months. A pure function of its options, so the same seed always gives the same neighbourhood.
import type { Role } from '../db/schema.ts';
import { ACCESSIBILITY_NEEDS, BIO_LIKES, BIO_OFFERS, BIO_WHO, DEMO_ACCOUNTS, FIRST_NAMES, JOIN_MESSAGES, OTHER_LANGUAGES, PLACES, SURNAMES, type Place } from './data.ts';
import { planSafety } from './plan-safety.ts';
import { planTrust } from './plan-trust.ts';
import { Random } from './random.ts';

export const DAY_MS = 86_400_000;

export type PlanOptions = {
  seed: number;
  /** People in each community, coordinators and officer included (organisations come on top). */
  members: number;
  communities: number;
  now: Date;
  /** The skill list to choose from (slugs), as the database has it. */
  skillSlugs: readonly string[];
  /** Added to slugs and email addresses when a second demo is added to the same instance. */
  tag?: string;
};

export type PlanProfile = {
  bio: string;
  area: string;
  languages: string[];
  accessibilityNeeds: string;
  contactByEmail: boolean;
  contactByApp: boolean;
  phone: string;
  showPhone: boolean;
  showInDirectory: boolean;
  showBio: boolean;
  showArea: boolean;
  analyticsOptOut: boolean;
  reachOutOk: boolean;
};

/** People and organisations are referred to by their index in `Plan.people`. */
export type PlanPerson = {
  kind: 'person' | 'organisation';
  displayName: string;
  email: string | null;
  password: 'admin' | 'member' | null;
  isAdmin: boolean;
  createdAt: Date;
  profile: PlanProfile;
  skills: { slug: string; kind: 'skill' | 'interest' }[];
};
export type PlanCommunity = { place: Place; name: string; slug: string; createdAt: Date; createdBy: number };
export type PlanMembership = { community: number; person: number; role: Role; status: 'active' | 'suspended'; statusReason: string; joinedAt: Date };
export type PlanCheck = { community: number; subject: number; coordinator: number; kind: 'identity_address' | 'dbs'; checkedOn: string; expiresOn: string | null; reference: string; note: string; createdAt: Date };
export type PlanVouch = { community: number; voucher: number; subject: number; voucherLevel: 'verified' | 'safeguarding-checked'; note: string; createdAt: Date };
export type PlanJoinRequest = { community: number; person: number; message: string; status: 'pending' | 'approved' | 'declined'; decidedBy: number | null; decidedAt: Date | null; createdAt: Date };
export type PlanAgent = { community: number; organisation: number; person: number; title: string; createdAt: Date };
export type PlanReport = {
  community: number;
  reporter: number;
  subject: number;
  reason: 'spam' | 'harassment' | 'inappropriate';
  details: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolvedBy: number | null;
  resolutionNote: string;
  resolvedAt: Date | null;
  createdAt: Date;
};
export type PlanBlock = { blocker: number; blocked: number; createdAt: Date };
export type PlanSuspension = { community: number; actor: number; subject: number; reason: string; createdAt: Date };

export type Plan = {
  communities: PlanCommunity[];
  people: PlanPerson[];
  memberships: PlanMembership[];
  checks: PlanCheck[];
  vouches: PlanVouch[];
  joinRequests: PlanJoinRequest[];
  agents: PlanAgent[];
  reports: PlanReport[];
  blocks: PlanBlock[];
  suspensions: PlanSuspension[];
};

/** What one community's planning needs to know about its members, for planTrust. */
export type CommunityCast = {
  community: number;
  coordinators: number[];
  officer: number;
  /** Ordinary members (not coordinators, officer or organisations). */
  regulars: number[];
  organisations: number[];
  /** The documented member account, which must end up vouched but not verified. */
  documentedMember: number | null;
  /** The documented coordinator, who has a current DBS check. */
  documentedCoordinator: number | null;
  street: Map<number, string>;
  joinedAt: Map<number, Date>;
};

/** A deterministic plan of the demo neighbourhood. */
export function planNeighbourhood(options: PlanOptions): Plan {
  const random = new Random(options.seed);
  const now = options.now.getTime();
  const at = (msAgo: number) => new Date(now - msAgo);
  const suffix = options.tag ? `-${options.tag}` : '';
  const plus = options.tag ? `+${options.tag}` : '';
  const plan: Plan = { communities: [], people: [], memberships: [], checks: [], vouches: [], joinRequests: [], agents: [], reports: [], blocks: [], suspensions: [] };
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();

  const makeProfile = (street: string): PlanProfile => {
    const bioParts = random.chance(0.88) ? [random.pick(BIO_WHO), random.chance(0.7) ? random.pick(BIO_LIKES) : '', random.chance(0.7) ? random.pick(BIO_OFFERS) : ''] : [];
    const other = random.pick(OTHER_LANGUAGES);
    const languageRoll = random.next();
    const hasPhone = random.chance(0.3);
    return {
      bio: bioParts.filter(Boolean).join(' '),
      area: street,
      languages: languageRoll < 0.82 ? ['English'] : languageRoll < 0.97 ? ['English', other] : [other, 'English'],
      accessibilityNeeds: random.chance(0.1) ? random.pick(ACCESSIBILITY_NEEDS) : '',
      contactByEmail: random.chance(0.35),
      contactByApp: random.chance(0.95),
      phone: hasPhone ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}` : '',
      showPhone: hasPhone && random.chance(0.4),
      showInDirectory: random.chance(0.94),
      showBio: random.chance(0.92),
      showArea: random.chance(0.88),
      analyticsOptOut: random.chance(0.07),
      reachOutOk: random.chance(0.3),
    };
  };

  const pickSkills = () => {
    if (options.skillSlugs.length === 0) return [];
    const chosen = random.sample(options.skillSlugs, random.int(1, 4) + random.int(0, 3));
    const skillCount = Math.max(1, Math.ceil(chosen.length * 0.6));
    return chosen.map((slug, i) => ({ slug, kind: i < skillCount ? ('skill' as const) : ('interest' as const) }));
  };

  const emailFor = (first: string, last: string) => {
    const base = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    for (let n = 1; ; n++) {
      const email = `${base}${n === 1 ? '' : n}${plus}@example.org`;
      if (!usedEmails.has(email)) {
        usedEmails.add(email);
        return email;
      }
    }
  };

  const addPerson = (street: string, createdAt: Date, fixed?: { email: string; displayName: string; isAdmin?: boolean; password?: 'admin' | 'member' }) => {
    let displayName = fixed?.displayName;
    let email = fixed ? fixed.email.replace('@', `${plus}@`) : null;
    if (!displayName) {
      let first = random.pick(FIRST_NAMES);
      let last = random.pick(SURNAMES);
      for (let tries = 0; usedNames.has(`${first} ${last}`) && tries < 20; tries++) {
        first = random.pick(FIRST_NAMES);
        last = random.pick(SURNAMES);
      }
      displayName = `${first} ${last}`;
      email = emailFor(first, last);
    }
    usedNames.add(displayName);
    plan.people.push({ kind: 'person', displayName, email, password: fixed?.password ?? 'member', isAdmin: fixed?.isAdmin ?? false, createdAt, profile: makeProfile(street), skills: pickSkills() });
    return plan.people.length - 1;
  };

  const join = (cast: CommunityCast, person: number, role: Role, joinedAt: Date) => {
    plan.memberships.push({ community: cast.community, person, role, status: 'active', statusReason: '', joinedAt });
    cast.joinedAt.set(person, joinedAt);
    cast.street.set(person, plan.people[person].profile.area);
  };

  const casts: CommunityCast[] = [];
  for (let c = 0; c < options.communities; c++) {
    const place = PLACES[c % PLACES.length];
    const round = Math.floor(c / PLACES.length);
    const createdAt = at(185 * DAY_MS + random.int(0, 3) * DAY_MS);
    const cast: CommunityCast = { community: c, coordinators: [], officer: -1, regulars: [], organisations: [], documentedMember: null, documentedCoordinator: null, street: new Map(), joinedAt: new Map() };
    casts.push(cast);
    const founding = (days: number) => new Date(createdAt.getTime() + days * DAY_MS + random.int(1, 600) * 60_000);
    const documented = c === 0;

    // Founders: coordinators (the administrator is the first coordinator of the first community, as after setup) and a council officer.
    const coordinatorCount = documented ? 3 : 2;
    for (let i = 0; i < coordinatorCount; i++) {
      const fixed = documented && i === 0 ? { ...DEMO_ACCOUNTS.admin, isAdmin: true, password: 'admin' as const } : documented && i === 1 ? DEMO_ACCOUNTS.coordinator : undefined;
      const person = addPerson(random.pick(place.streets), founding(i), fixed);
      join(cast, person, 'coordinator', founding(i));
      cast.coordinators.push(person);
    }
    if (documented) cast.documentedCoordinator = cast.coordinators[1];
    plan.communities.push({ place, name: round === 0 ? place.name : `${place.name} ${round + 1}`, slug: `${place.slug}${round === 0 ? '' : `-${round + 1}`}${suffix}`, createdAt, createdBy: cast.coordinators[0] });
    cast.officer = addPerson(random.pick(place.streets), founding(3), documented ? DEMO_ACCOUNTS.officer : undefined);
    join(cast, cast.officer, 'officer', founding(3));

    // Some people near the boundary belong to both neighbourhoods.
    const shared = c > 0 ? random.sample(casts[0].regulars, Math.round(options.members * 0.05)) : [];
    for (const person of shared) {
      join(cast, person, 'member', at(random.int(2 * 3600_000, 170 * DAY_MS)));
      cast.regulars.push(person);
    }

    const regularCount = Math.max(0, options.members - cast.coordinators.length - 1 - shared.length);
    for (let i = 0; i < regularCount; i++) {
      const isDocumented = documented && i === 0;
      const street = isDocumented ? place.streets[0] : random.pick(place.streets);
      const joinedAt = isDocumented ? at(60 * DAY_MS) : at(random.int(2 * 3600_000, 178 * DAY_MS));
      const person = addPerson(street, new Date(joinedAt.getTime() - random.int(5, 72 * 60) * 60_000), isDocumented ? DEMO_ACCOUNTS.member : undefined);
      join(cast, person, 'member', joinedAt);
      cast.regulars.push(person);
      if (isDocumented) cast.documentedMember = person;
      // Most people asked to join and a coordinator approved them; the rest came by invitation link.
      if (random.chance(0.55)) {
        plan.joinRequests.push({
          community: c,
          person,
          message: random.pick(JOIN_MESSAGES).replace('{street}', street),
          status: 'approved',
          decidedBy: random.pick(cast.coordinators),
          decidedAt: joinedAt,
          createdAt: new Date(joinedAt.getTime() - random.int(30, 72 * 60) * 60_000),
        });
      }
    }

    for (const org of place.organisations) {
      const joinedAt = founding(random.int(5, 30));
      plan.people.push({
        kind: 'organisation',
        displayName: round === 0 ? org.name : `${org.name} ${round + 1}`,
        email: null,
        password: null,
        isAdmin: false,
        createdAt: joinedAt,
        profile: { ...makeProfile(random.pick(place.streets)), bio: org.bio, accessibilityNeeds: '', showInDirectory: true, showBio: true, showArea: true },
        skills: [],
      });
      const organisation = plan.people.length - 1;
      join(cast, organisation, 'organisation', joinedAt);
      cast.organisations.push(organisation);
      const agents = random.sample(cast.regulars.filter((p) => p !== cast.documentedMember), 2);
      agents.forEach((person, i) => {
        const since = Math.max(joinedAt.getTime(), cast.joinedAt.get(person)!.getTime()) + DAY_MS;
        if (since < now) plan.agents.push({ community: c, organisation, person, title: org.titles[i], createdAt: new Date(since) });
      });
    }

    // People waiting for a coordinator to let them in, and one who was turned away.
    const pending = Math.max(3, Math.round(options.members * 0.02));
    for (let i = 0; i <= pending; i++) {
      const street = random.pick(place.streets);
      const createdAt = i === pending ? at(random.int(20, 40) * DAY_MS) : at(random.int(3600_000, 10 * DAY_MS));
      const person = addPerson(street, new Date(createdAt.getTime() - 5 * 60_000));
      const declined = i === pending;
      plan.joinRequests.push({
        community: c,
        person,
        message: declined ? 'I run a letting agency and would like to advertise to residents.' : random.pick(JOIN_MESSAGES).replace('{street}', street),
        status: declined ? 'declined' : 'pending',
        decidedBy: declined ? cast.coordinators[0] : null,
        decidedAt: declined ? new Date(createdAt.getTime() + DAY_MS) : null,
        createdAt,
      });
    }
  }

  for (const cast of casts) {
    const suspended = planSafety(plan, cast, random, options.now);
    planTrust(plan, cast, random, options.now, suspended);
  }
  return plan;
}
