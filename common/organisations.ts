// Organisation accounts: a charity, school, surgery or council service in a community, with
// the named people who act for it. Coordinators create them and manage their agents.
import { z } from 'zod';
import { area } from './profiles.ts';

export const agentTitle = z.string().trim().max(80, { message: 'Use at most 80 characters' }).default('');

/** A person who acts for an organisation; they must be a member of the community. */
export const agentInput = z.object({
  userId: z.uuid({ message: 'Choose a member of this community' }),
  /** Their role in the organisation, e.g. "Volunteer coordinator". */
  title: agentTitle,
});
export type AgentInput = z.infer<typeof agentInput>;

const organisationName = z.string().trim().min(2, { message: 'Use at least 2 characters' }).max(80, { message: 'Use at most 80 characters' });
const bio = z.string().trim().max(1000, { message: 'Use at most 1000 characters' });

export const newOrganisationBody = z.object({
  name: organisationName,
  bio: bio.default(''),
  area: area.default(''),
  /** At least one person must act for the organisation. */
  agents: z.array(agentInput).min(1, { message: 'Name at least one person who acts for the organisation' }).max(20, { message: 'Name at most 20 people' }),
});
export type NewOrganisationBody = z.infer<typeof newOrganisationBody>;

export const organisationUpdate = z.object({ name: organisationName.optional(), bio: bio.optional(), area: area.optional() });
export type OrganisationUpdate = z.infer<typeof organisationUpdate>;

export const organisationAgent = z.object({ userId: z.uuid(), displayName: z.string(), title: z.string(), since: z.string() });
export type OrganisationAgent = z.infer<typeof organisationAgent>;

export const organisation = z.object({
  /** The organisation's account id; its profile is at /api/communities/:communityId/members/:id. */
  id: z.uuid(),
  name: z.string(),
  bio: z.string(),
  area: z.string(),
  status: z.enum(['active', 'suspended']),
  agents: z.array(organisationAgent),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof organisation>;
export const organisationList = z.array(organisation);

export const organisationParams = z.object({ communityId: z.uuid(), organisationId: z.uuid() });
export const agentParams = organisationParams.extend({ userId: z.uuid() });
