import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeOrganisation, signInAs, TEST_PASSWORD, type Client, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { guardCells } from './surveys.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
let coordinator: Client;
let residents: TestUser[];

const url = (path: string, community: { id: string } = home) => `/api/communities/${community.id}/trust/${path}`;
const TABLES = ['trust_surveys', 'trust_survey_responses'];

beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
  elsewhere = await makeCommunity(ctx);
  coordinator = await signInAs(ctx, home.coordinator);
  residents = [];
  for (let i = 0; i < 8; i++) residents.push(await makeMember(ctx, home));
});
afterAll(() => ctx?.close());

describe('the trust survey', () => {
  let surveyId: string;

  it('lets a coordinator open one survey at a time', async () => {
    const opened = await coordinator.post(url('surveys'), {});
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ survey: { title: 'How much do you trust people around here?', open: true, closedAt: null }, responses: null });
    surveyId = opened.json().survey.id;
    const before = await countRows(ctx, TABLES);
    const again = await coordinator.post(url('surveys'), { title: 'Another one' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('survey.already_open');
    const short = await coordinator.post(url('surveys'), { title: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('title');
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });

  it('refuses members, officers and other communities’ coordinators opening or closing one', async () => {
    const before = await countRows(ctx, TABLES);
    const member = await signInAs(ctx, residents[0]);
    const officer = await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' }));
    const otherCoordinator = await signInAs(ctx, elsewhere.coordinator);
    for (const client of [member, officer, otherCoordinator]) {
      expect((await client.post(url('surveys'), {})).statusCode).toBe(403);
      expect((await client.post(url(`surveys/${surveyId}/close`))).statusCode).toBe(403);
    }
    expect((await anonymous(ctx).post(url('surveys'), {})).statusCode).toBe(401);
    // Another community's coordinator, through their own community, cannot reach this survey.
    expect((await otherCoordinator.post(url(`surveys/${surveyId}/close`, elsewhere))).statusCode).toBe(404);
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });

  it('shows members the open survey and takes one answer each', async () => {
    const member = await signInAs(ctx, residents[0]);
    expect((await member.get(url('survey'))).json()).toMatchObject({ survey: { id: surveyId, open: true }, answered: false });
    const answered = await member.post(url(`surveys/${surveyId}/responses`), { generalised: 'most_people', neighbourhood: 'many' });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toMatchObject({ answered: true });
    expect((await member.get(url('survey'))).json().answered).toBe(true);
    const before = await countRows(ctx, TABLES);
    const twice = await member.post(url(`surveys/${surveyId}/responses`), { generalised: 'cannot_be_too_careful', neighbourhood: 'none' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('survey.already_answered');
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });

  it('answers 400 with the field for a bad answer, and 404 for another community’s survey', async () => {
    const member = await signInAs(ctx, residents[1]);
    const before = await countRows(ctx, TABLES);
    const bad = await member.post(url(`surveys/${surveyId}/responses`), { generalised: 'sometimes', neighbourhood: 'many' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('generalised');
    const missing = await member.post(url(`surveys/${surveyId}/responses`), { generalised: 'most_people' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('neighbourhood');
    const outsider = await signInAs(ctx, await makeMember(ctx, elsewhere));
    expect((await outsider.post(url(`surveys/${surveyId}/responses`, elsewhere), { generalised: 'most_people', neighbourhood: 'some' })).statusCode).toBe(404);
    expect((await outsider.post(url(`surveys/${surveyId}/responses`), { generalised: 'most_people', neighbourhood: 'some' })).statusCode).toBe(403);
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });

  it('does not take answers from organisation accounts or suspended members', async () => {
    const agent = await makeMember(ctx, home);
    const organisation = await makeOrganisation(ctx, home, { agents: [agent] });
    const asOrganisation = await signInAs(ctx, organisation);
    const before = await countRows(ctx, TABLES);
    const refused = await asOrganisation.post(url(`surveys/${surveyId}/responses`), { generalised: 'most_people', neighbourhood: 'some' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('survey.people_only');
    const suspended = await signInAs(ctx, await makeMember(ctx, home, { status: 'suspended' }));
    expect((await suspended.post(url(`surveys/${surveyId}/responses`), { generalised: 'most_people', neighbourhood: 'some' })).statusCode).toBe(403);
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });

  it('shows no answers while the survey is open, only how many have answered (from 5 up)', async () => {
    const noAnswers = { most_people: null, cannot_be_too_careful: null, mostPeopleShare: null };
    const noNeighbourhood = { many: null, some: null, a_few: null, none: null, manyOrSomeShare: null };
    // So far one answer: nothing is shown, not even the count.
    const one = (await coordinator.get(url('surveys'))).json()[0];
    expect(one).toMatchObject({ responses: null, generalised: noAnswers, neighbourhood: noNeighbourhood });
    // Seven more: 7 in all say most people, 1 can't be too careful; 6 many, 2 some. Whatever the
    // count, while it is open nobody can watch an answer arrive: every answer count stays hidden.
    for (const [i, resident] of residents.slice(1).entries()) {
      const client = await signInAs(ctx, resident);
      const response = await client.post(url(`surveys/${surveyId}/responses`), { generalised: i === 0 ? 'cannot_be_too_careful' : 'most_people', neighbourhood: i < 2 ? 'some' : 'many' });
      expect(response.statusCode).toBe(201);
      const seen = [(await coordinator.get(url('surveys'))).json()[0], (await coordinator.get(url('dashboard'))).json().survey];
      for (const results of seen) {
        expect(results).toMatchObject({ responses: i + 2 < 5 ? null : i + 2, generalised: noAnswers, neighbourhood: noNeighbourhood });
      }
    }
    const officer = await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' }));
    expect((await officer.get(url('council'))).json().survey).toMatchObject({ responses: 8, generalised: noAnswers, neighbourhood: noNeighbourhood });
  });

  it('closes the survey for good: later answers are refused, results are fixed and shown, small counts hidden', async () => {
    const closed = await coordinator.post(url(`surveys/${surveyId}/close`));
    expect(closed.statusCode).toBe(200);
    expect(closed.json().survey.open).toBe(false);
    // 7 vs 1: the 1 is hidden, and so is the 7, which would reveal it.
    expect(closed.json()).toMatchObject({
      responses: 8,
      generalised: { most_people: null, cannot_be_too_careful: null, mostPeopleShare: null },
      neighbourhood: { many: 6, some: null, a_few: null, none: null, manyOrSomeShare: null },
    });
    const before = await countRows(ctx, TABLES);
    expect((await coordinator.post(url(`surveys/${surveyId}/close`))).statusCode).toBe(409);
    const late = await signInAs(ctx, await makeMember(ctx, home));
    expect((await late.get(url('survey'))).json()).toEqual({ survey: null, answered: false });
    const refused = await late.post(url(`surveys/${surveyId}/responses`), { generalised: 'most_people', neighbourhood: 'some' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('survey.closed');
    expect(await countRows(ctx, TABLES)).toEqual(before);
    // The dashboard and the council view both carry the latest results beside the national figure.
    const dashboard = (await coordinator.get(url('dashboard'))).json();
    expect(dashboard.survey).toMatchObject({ survey: { id: surveyId }, responses: 8, neighbourhood: { many: 6 } });
    const officer = await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' }));
    expect((await officer.get(url('council'))).json().survey).toMatchObject({ responses: 8, neighbourhood: { many: 6 } });
    expect((await officer.get(url('surveys'))).statusCode).toBe(200);
    expect((await late.get(url('surveys'))).statusCode).toBe(403);
  });

  it('keeps a closed survey’s counts fixed when someone who answered deletes their account', async () => {
    const before = (await coordinator.get(url('surveys'))).json()[0];
    const leaver = residents[3];
    const client = await signInAs(ctx, leaver);
    expect((await client.delete('/api/account', { currentPassword: TEST_PASSWORD })).statusCode).toBe(200);
    // Their answer itself is gone…
    expect(await ctx.database.query('SELECT 1 FROM trust_survey_responses WHERE user_id = $1', [leaver.id])).toEqual([]);
    // …but the count that was shown does not drop by one, which would say how they answered.
    expect((await coordinator.get(url('surveys'))).json()[0]).toEqual(before);
  });

  it('lists every survey over time, newest first, with each closed one’s results', async () => {
    const second = await coordinator.post(url('surveys'), { title: 'Autumn trust survey' });
    expect(second.statusCode).toBe(201);
    const secondId = second.json().survey.id;
    // Twelve answer: 7 most people, 5 careful; 6 many, 6 some.
    const people = [...residents.filter((r) => r !== residents[3]), ...(await Promise.all(Array.from({ length: 5 }, () => makeMember(ctx, home))))];
    for (const [i, person] of people.entries()) {
      const client = await signInAs(ctx, person);
      const answer = { generalised: i < 7 ? 'most_people' : 'cannot_be_too_careful', neighbourhood: i % 2 === 0 ? 'many' : 'some' };
      expect((await client.post(url(`surveys/${secondId}/responses`), answer)).statusCode).toBe(201);
    }
    const whileOpen = (await coordinator.get(url('surveys'))).json();
    expect(whileOpen.map((r: { survey: { id: string } }) => r.survey.id)).toEqual([secondId, surveyId]);
    expect(whileOpen[0]).toMatchObject({ responses: 12, generalised: { most_people: null, mostPeopleShare: null }, neighbourhood: { many: null, manyOrSomeShare: null } });
    expect((await coordinator.post(url(`surveys/${secondId}/close`))).statusCode).toBe(200);
    const [autumn, spring] = (await coordinator.get(url('surveys'))).json();
    expect(autumn).toEqual({
      survey: expect.objectContaining({ id: secondId, title: 'Autumn trust survey', open: false }),
      responses: 12,
      generalised: { most_people: 7, cannot_be_too_careful: 5, mostPeopleShare: 7 / 12 },
      // Nobody said "a few" or "none": both hidden, as any count under 5 is.
      neighbourhood: { many: 6, some: 6, a_few: null, none: null, manyOrSomeShare: 1 },
    });
    expect(spring).toMatchObject({ survey: { id: surveyId }, responses: 8, neighbourhood: { many: 6 } });
  });
});

describe('guardCells', () => {
  it('hides small cells and, when only one is hidden, the next smallest', () => {
    expect(guardCells({ a: 10, b: 3, c: 7 }, 20)).toEqual({ a: 10, b: null, c: null });
    expect(guardCells({ a: 10, b: 3, c: 2 }, 15)).toEqual({ a: 10, b: null, c: null });
    expect(guardCells({ a: 10, b: 5 }, 15)).toEqual({ a: 10, b: 5 });
    expect(guardCells({ a: 3, b: 1 }, null)).toEqual({ a: null, b: null });
    expect(guardCells({ a: 12, b: 0, c: 9 }, 21)).toEqual({ a: 12, b: null, c: null });
  });
});
