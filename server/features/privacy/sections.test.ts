import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeMember, signInAs, TEST_PASSWORD, type TestCommunity } from '../../../test/factories.ts';

let ctx: TestContext;
let home: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.database.query<T>(text, params);

it('exports and erases what the time bank and the trust survey hold about a member', async () => {
  const person = await makeMember(ctx, home, { verified: true });
  const [{ id: skillId }] = await q<{ id: number }>('SELECT id FROM skills ORDER BY id LIMIT 1');
  await q(`INSERT INTO listings (community_id, kind, owner_id, created_by, title, description, skill_id, duration_minutes, place, lat, lng)
           VALUES ($1, 'offer', $2, $2, 'Help with gardening', 'Weeding and mowing', $3, 60, 'in_public', 51.5, -0.1)`, [home.id, person.id, skillId]);
  await q(`INSERT INTO notifications (community_id, user_id, kind, title, source_id) VALUES ($1, $2, 'request.match', 'A new request matches your offer', 'x1')`, [home.id, person.id]);
  const [{ id: surveyId }] = await q<{ id: string }>(`INSERT INTO trust_surveys (community_id, title, opened_by) VALUES ($1, 'Spring survey', $2) RETURNING id`, [home.id, home.coordinator.id]);
  await q(`INSERT INTO trust_survey_responses (survey_id, community_id, user_id, generalised, neighbourhood) VALUES ($1, $2, $3, 'most_people', 'many')`, [surveyId, home.id, person.id]);

  const client = await signInAs(ctx, person);
  const exported = (await client.get('/api/account/export')).json();
  expect(exported.features.offersAndRequests).toEqual([expect.objectContaining({ title: 'Help with gardening', description: 'Weeding and mowing' })]);
  expect(exported.features.notifications).toEqual([expect.objectContaining({ title: 'A new request matches your offer' })]);
  expect(exported.features.trustSurveyAnswers).toEqual([expect.objectContaining({ title: 'Spring survey', generalised: 'most_people', neighbourhood: 'many' })]);
  expect(exported.features).toHaveProperty('exchanges', []);
  expect(exported.features).toHaveProperty('ledgerEntries', []);

  expect((await client.delete('/api/account', { currentPassword: TEST_PASSWORD })).statusCode).toBe(200);
  expect(await q('SELECT status, title, description, lat FROM listings WHERE owner_id = $1', [person.id])).toEqual([{ status: 'closed', title: 'Removed', description: '', lat: null }]);
  expect(await q('SELECT 1 FROM notifications WHERE user_id = $1', [person.id])).toEqual([]);
  expect(await q('SELECT 1 FROM trust_survey_responses WHERE user_id = $1', [person.id])).toEqual([]);
});
