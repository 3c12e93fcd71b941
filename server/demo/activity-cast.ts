// Who takes part in a demo community's current time-bank activity (listings, exchanges in
// flight, the fund, group and proxy exchanges), as timebank-activity.ts loads it from the
// database once the months of history are written: plain data, so the planners are pure.
import type { ListingPlace } from '../../common/offers.ts';
import type { VerificationLevel } from '../../common/verification.ts';
import { helperNeed, meetsNeed, type WorksWith } from '../features/exchanges/safeguarding.ts';
import { levelAtLeast } from '../features/verification/levels.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A skill of the catalogue, with its mark for work with children or adults who may be vulnerable (skills.works_with). */
export type SkillRow = { id: number; slug: string; label: string; category: string; worksWith: WorksWith | null };

/** A member or organisation of the community. */
export type Neighbour = {
  id: string;
  displayName: string;
  kind: 'person' | 'organisation';
  role: 'member' | 'coordinator' | 'organisation';
  street: string;
  joinedAt: number;
  contactByApp: boolean;
  /** Skills and interests on the profile, by slug. */
  skills: readonly { slug: string; kind: 'skill' | 'interest' }[];
  /** The verification level as of the demo's today, derived from the vouches and checks on file as the services derive it. */
  level: VerificationLevel;
  /** For an organisation, the people who act for it (its agents); empty for a person. */
  agents: readonly string[];
};

export type Cast = {
  communityId: string;
  now: number;
  /** Today in London, as the services count expiry dates. */
  today: string;
  centre: { lat: number; lng: number; radiusM: number };
  /** Active people who may take part in anything: not suspended, not fake, not one of the members kept isolated. */
  people: readonly Neighbour[];
  /** Members the network keeps isolated: they may ask for help, but have done nothing with anyone yet. */
  quiet: readonly Neighbour[];
  /** Active organisations with at least one agent. */
  organisations: readonly Neighbour[];
  /** Active coordinators who are people, earliest first. */
  coordinators: readonly Neighbour[];
  /** The documented member and coordinator accounts, when this community has them. */
  member: Neighbour | null;
  coordinator: Neighbour | null;
  skills: readonly SkillRow[];
  mode: 'zero_sum' | 'participation';
  safeguardingCategories: readonly string[];
  /** The level help in someone's home needs here (settings.homeVisitLevel). */
  homeVisitLevel: VerificationLevel;
  approvalCategories: readonly string[];
  /** Help in someone's home needs a coordinator's approval too (settings.approvalInHome). */
  approvalInHome: boolean;
  autoConfirmDays: number;
  /** True when either has blocked the other. */
  blocked: (a: string, b: string) => boolean;
};

/** The person who acts for a party: themselves, or an organisation's first agent. */
export const actorOf = (party: Neighbour): string => party.agents[0] ?? party.id;

/** Who reads notifications for a party (exchanges/parties.ts peopleBehind): a person, or an organisation's agents. */
export const peopleBehind = (party: Neighbour): readonly string[] => (party.agents.length > 0 ? party.agents : [party.id]);

export const firstName = (party: Neighbour): string => (party.kind === 'organisation' ? party.displayName : party.displayName.split(' ')[0]);

/**
 * Whether a party may take the helping side of a skill here, where the help happens (null when
 * not known, as for proxy records): the exchanges' own rule (exchanges/safeguarding.ts
 * helperNeed and meetsNeed), asked with the helper's level as of today.
 */
export const mayHelp = (cast: Cast, helper: Neighbour, skill: SkillRow, place: ListingPlace | null): boolean =>
  meetsNeed(helper.level, helperNeed(cast, { category: skill.category, worksWith: skill.worksWith, place }));

/** Safeguarding-checked today (a current DBS check): who may help with anything a community asks a check for. */
export const dbsChecked = (party: Neighbour): boolean => levelAtLeast(party.level, 'safeguarding-checked');

/** A fixed point for each street inside the community's circle, so a street's listings sit together on the map. */
export function streetPoint(centre: Cast['centre'], street: string): { lat: number; lng: number } {
  let hash = 2_166_136_261;
  for (const ch of street) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16_777_619) >>> 0;
  const angle = ((hash & 0xffff) / 0x10000) * 2 * Math.PI;
  const distance = centre.radiusM * (0.15 + 0.7 * ((hash >>> 16) / 0x10000));
  const lat = centre.lat + (distance * Math.cos(angle)) / 111_320;
  const lng = centre.lng + (distance * Math.sin(angle)) / (111_320 * Math.cos((centre.lat * Math.PI) / 180));
  return { lat, lng };
}

/** Minutes rounded to a quarter of an hour, at least 15. */
export const quarter = (minutes: number): number => Math.max(15, Math.round(minutes / 15) * 15);
