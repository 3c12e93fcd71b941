// Trust and social capital: "how you're connected", the coordinators' dashboard and network
// map, the council's aggregate view and the trust survey. Shared by the server routes and the
// web app. No response here ever carries a member's trust score: people see words and names.
import { z } from 'zod';

/** Counts under this are shown as null in aggregate views (DESIGN.md: no group smaller than 5). */
export const MIN_CELL = 5;

/** The national figure the survey is set beside. */
export const NATIONAL_TRUST = {
  /** Share who said "most people can be trusted" (Community Life Survey 2012/13, England). */
  generalisedMostPeopleShare: 0.42,
  source: 'Community Life Survey 2012/13',
} as const;

export const communityParams = z.object({ communityId: z.uuid() });
export const connectionParams = z.object({ communityId: z.uuid(), userId: z.uuid() });
export const surveyParams = z.object({ communityId: z.uuid(), surveyId: z.uuid() });

/**
 * How close two members are, in words. `private`: the other person chose to keep their
 * connections out of analysis, so nothing is said about them.
 */
export const CONNECTION_BANDS = ['close', 'connected', 'distant', 'not_connected', 'private'] as const;
export type ConnectionBand = (typeof CONNECTION_BANDS)[number];

const person = z.object({ id: z.uuid(), displayName: z.string() });
export type NamedPerson = z.infer<typeof person>;

export const connection = z.object({
  /** The member the viewer asked about. */
  person,
  band: z.enum(CONNECTION_BANDS),
  /** The viewer has done something with this person (a vouch, an exchange, a reference). */
  direct: z.boolean(),
  /** This person has done something with the viewer. */
  reciprocated: z.boolean(),
  /** The strongest chains of up to three ties, naming only the people in between. */
  paths: z.array(z.object({ via: z.array(person) })),
  /** People both know (only people the viewer may see), strongest first. */
  mutualContacts: z.array(person),
  /** Further mutual contacts the viewer may see, beyond those listed. */
  moreMutualContacts: z.number().int(),
  asOf: z.string(),
});
export type Connection = z.infer<typeof connection>;

const bonding = z.object({
  internalPairs: z.number().int(),
  externalPairs: z.number().int(),
  /** Share of pairs that cross groups. */
  bridgingShare: z.number(),
  /** Krackhardt and Stern's E-I index: −1 all within groups, +1 all across. */
  eiIndex: z.number(),
});

/** One month of network measures, for a coordinator. */
export const monthMeasures = z.object({
  month: z.string(),
  members: z.number().int(),
  ties: z.number().int(),
  pairs: z.number().int(),
  isolated: z.number().int(),
  singleTie: z.number().int(),
  meanDegree: z.number(),
  medianDegree: z.number(),
  reciprocity: z.number(),
  transitivity: z.number(),
  averageClustering: z.number(),
  area: bonding,
  community: bonding,
  newTies: z.number().int(),
  /** New ties that joined people from different streets or areas. */
  newTiesAcrossAreas: z.number().int(),
  communities: z.number().int(),
  modularity: z.number(),
});
export type MonthMeasures = z.infer<typeof monthMeasures>;

export const GENERALISED_ANSWERS = ['most_people', 'cannot_be_too_careful'] as const;
export const NEIGHBOURHOOD_ANSWERS = ['many', 'some', 'a_few', 'none'] as const;

const cell = z.number().int().nullable();
const share = z.number().nullable();

/** A survey's results: every count under MIN_CELL, and any count that would give one away, is null. */
export const surveyResults = z.object({
  survey: z.object({ id: z.uuid(), title: z.string(), openedAt: z.string(), closedAt: z.string().nullable(), open: z.boolean() }),
  responses: cell,
  generalised: z.object({ most_people: cell, cannot_be_too_careful: cell, mostPeopleShare: share }),
  neighbourhood: z.object({ many: cell, some: cell, a_few: cell, none: cell, manyOrSomeShare: share }),
});
export type SurveyResults = z.infer<typeof surveyResults>;

const national = z.object({ generalisedMostPeopleShare: z.number(), source: z.string() });

export const run = z.object({
  finishedAt: z.string(),
  reason: z.string(),
  iterations: z.number().int(),
  members: z.number().int(),
  ties: z.number().int(),
  durationMs: z.number().int(),
});

/** The coordinators' dashboard. */
export const dashboard = z.object({
  computedAt: z.string().nullable(),
  lastRun: run.nullable(),
  months: z.array(monthMeasures),
  degreeDistribution: z.array(z.object({ from: z.number().int(), to: z.number().int(), members: z.number().int() })),
  areas: z.array(z.object({ group: z.string(), members: z.number().int(), internalPairs: z.number(), externalPairs: z.number(), eiIndex: z.number() })),
  communitySizes: z.array(z.number().int()),
  betweenness: z.object({ exact: z.boolean(), sources: z.number().int(), errorBound: z.number() }).nullable(),
  /** People who link others; members who opted out of analytics are never listed. */
  connectors: z.array(z.object({ id: z.uuid(), displayName: z.string(), area: z.string().nullable(), contacts: z.number().int(), effectiveSize: z.number() })),
  /** Members with no ties who said a coordinator may get in touch. */
  reachOut: z.array(z.object({ id: z.uuid(), displayName: z.string(), area: z.string().nullable(), joinedAt: z.string() })),
  survey: surveyResults.nullable(),
  national,
});
export type Dashboard = z.infer<typeof dashboard>;

/** The map: opted-out members are not nodes; their ties count only in the dashboard's aggregates. */
export const network = z.object({
  asOf: z.string(),
  nodes: z.array(z.object({ id: z.uuid(), label: z.string(), area: z.string().nullable(), community: z.number().int(), degree: z.number().int() })),
  edges: z.array(z.object({ source: z.uuid(), target: z.uuid(), mutual: z.boolean(), strength: z.number().int().min(1).max(3) })),
  areas: z.array(z.string()),
  communityCount: z.number().int(),
  hiddenMembers: z.number().int(),
});
export type Network = z.infer<typeof network>;

/** One month for the council: counts under MIN_CELL are null; no names, no ids. */
export const councilMonth = z.object({
  month: z.string(),
  members: cell,
  pairs: cell,
  isolated: cell,
  singleTie: cell,
  newTies: cell,
  newTiesAcrossAreas: cell,
  communities: cell,
  meanDegree: share,
  reciprocity: share,
  transitivity: share,
  averageClustering: share,
  areaBridgingShare: share,
  areaEiIndex: share,
  communityBridgingShare: share,
  communityEiIndex: share,
  modularity: share,
});
export type CouncilMonth = z.infer<typeof councilMonth>;

export const council = z.object({
  computedAt: z.string().nullable(),
  months: z.array(councilMonth),
  degreeDistribution: z.array(z.object({ label: z.string(), members: cell })),
  /** Areas with at least MIN_CELL members; smaller ones are left out. */
  areas: z.array(z.object({ group: z.string(), members: cell, bridgingShare: share, eiIndex: share })),
  communitySizes: z.array(cell),
  survey: surveyResults.nullable(),
  national,
});
export type Council = z.infer<typeof council>;

export const DEFAULT_SURVEY_TITLE = 'How much do you trust people around here?';
export const openSurveyBody = z.object({ title: z.string().trim().min(3, { message: 'Use at least 3 characters' }).max(120).default(DEFAULT_SURVEY_TITLE) });
export const surveyAnswer = z.object({
  /** "Generally speaking, would you say that most people can be trusted, or that you can't be too careful in dealing with people?" */
  generalised: z.enum(GENERALISED_ANSWERS, { message: 'Choose one of the answers' }),
  /** "Would you say that many, some, a few or none of the people in your neighbourhood can be trusted?" */
  neighbourhood: z.enum(NEIGHBOURHOOD_ANSWERS, { message: 'Choose one of the answers' }),
});
export type SurveyAnswer = z.infer<typeof surveyAnswer>;

export const survey = z.object({ id: z.uuid(), title: z.string(), openedAt: z.string(), closedAt: z.string().nullable(), open: z.boolean() });
/** What a member sees: the open survey, if any, and whether they have answered it. */
export const memberSurvey = z.object({ survey: survey.nullable(), answered: z.boolean() });
export type MemberSurvey = z.infer<typeof memberSurvey>;

export const recomputeQueued = z.object({ queued: z.boolean() });

/**
 * Where the community's recompute stands: `queued` or `running` while one is waiting or under
 * way (asked for, daily or after a burst), `failed` when the latest one gave up after its
 * retries, else `idle`. `lastRun` is the latest finished run, whose time changes when one ends.
 */
export const recomputeStatus = z.object({ state: z.enum(['idle', 'queued', 'running', 'failed']), lastRun: run.nullable() });
export type RecomputeStatus = z.infer<typeof recomputeStatus>;
