import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeUser, signInAs, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { REPORT_UPHELD_WEIGHT } from './reports.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
let secondCoordinator: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx, { name: 'Mill Streets' });
  elsewhere = await makeCommunity(ctx, { name: 'Far Away' });
  secondCoordinator = await makeMember(ctx, home, { role: 'coordinator', verified: true });
});
afterAll(() => ctx?.close());

const reportsUrl = (c: { id: string }) => `/api/communities/${c.id}/reports`;
const mailsTo = async (address: string) => (await ctx.database.query<{ subject: string; body: string }>('SELECT subject, body FROM outbox WHERE to_address = $1', [address]));

async function fileProfileReport(reporter: TestUser, subject: TestUser, community = home, reason = 'harassment') {
  const res = await (await signInAs(ctx, reporter)).post(reportsUrl(community), { subjectUserId: subject.id, reason, details: 'Sent me unpleasant messages' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; status: string };
}

describe('reporting', () => {
  it('files a profile report and emails the coordinators but not the reported member', async () => {
    const reporter = await makeMember(ctx, home);
    const subject = await makeMember(ctx, home, { displayName: 'Pat Troublesome' });
    const created = await fileProfileReport(reporter, subject);
    expect(created.status).toBe('open');

    for (const coordinator of [home.coordinator, secondCoordinator]) {
      const mails = await mailsTo(coordinator.email);
      expect(mails.at(-1)!.subject).toBe('New report in Mill Streets');
      expect(mails.at(-1)!.body).toContain('the profile of Pat Troublesome for harassment');
      // The details stay in Kith.
      expect(mails.at(-1)!.body).not.toContain('unpleasant');
    }
    expect(await mailsTo(subject.email)).toEqual([]);
    expect(await mailsTo(reporter.email)).toEqual([]);

    const listed = (await (await signInAs(ctx, home.coordinator)).get(reportsUrl(home))).json();
    expect(listed.items).toContainEqual(
      expect.objectContaining({
        id: created.id,
        reporter: { id: reporter.id, displayName: reporter.displayName },
        subject: { id: subject.id, displayName: 'Pat Troublesome' },
        contentType: 'profile',
        contentId: subject.id,
        reason: 'harassment',
        details: 'Sent me unpleasant messages',
        status: 'open',
        resolvedBy: null,
      }),
    );
  });

  it('refuses a second open report of the same thing by the same member (409), changing nothing', async () => {
    const reporter = await makeMember(ctx, home);
    const subject = await makeMember(ctx, home);
    await fileProfileReport(reporter, subject);
    const before = await countRows(ctx, ['reports', 'outbox']);
    const again = await (await signInAs(ctx, reporter)).post(reportsUrl(home), { subjectUserId: subject.id, reason: 'spam' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('report.duplicate');
    expect(await countRows(ctx, ['reports', 'outbox'])).toEqual(before);
    // Someone else may still report the same profile.
    await fileProfileReport(await makeMember(ctx, home), subject);
  });

  it('reports a piece of content by its kind and id; the id is required', async () => {
    const reporter = await makeMember(ctx, home);
    const author = await makeMember(ctx, home);
    const client = await signInAs(ctx, reporter);
    const before = await countRows(ctx, ['reports']);
    const missing = await client.post(reportsUrl(home), { subjectUserId: author.id, contentType: 'offer', reason: 'spam' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'report.content_required', field: 'contentId' });
    expect(await countRows(ctx, ['reports'])).toEqual(before);

    const offerId = randomUUID();
    expect((await client.post(reportsUrl(home), { subjectUserId: author.id, contentType: 'offer', contentId: offerId, reason: 'spam' })).statusCode).toBe(201);
    expect((await mailsTo(home.coordinator.email)).at(-1)!.body).toContain(`reported an offer posted by ${author.displayName} for spam`);
    expect((await client.post(reportsUrl(home), { subjectUserId: author.id, contentType: 'offer', contentId: offerId, reason: 'other' })).statusCode).toBe(409);
    // A different item, and the author's profile, are different things.
    expect((await client.post(reportsUrl(home), { subjectUserId: author.id, contentType: 'offer', contentId: randomUUID(), reason: 'spam' })).statusCode).toBe(201);
    expect((await client.post(reportsUrl(home), { subjectUserId: author.id, reason: 'spam' })).statusCode).toBe(201);
  });

  it('answers 404 when the reported person is not in the community, changing nothing', async () => {
    const reporter = await makeMember(ctx, home);
    const client = await signInAs(ctx, reporter);
    const outsider = await makeMember(ctx, elsewhere);
    const gone = await makeMember(ctx, home, { status: 'left' });
    const before = await countRows(ctx, ['reports', 'outbox']);
    for (const subjectUserId of [outsider.id, gone.id, randomUUID()]) {
      const res = await client.post(reportsUrl(home), { subjectUserId, reason: 'spam' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('report.subject_not_found');
    }
    expect(await countRows(ctx, ['reports', 'outbox'])).toEqual(before);
  });

  it.each([
    [{ reason: 'rude' }, 'reason'],
    [{ reason: 'spam', details: 'x'.repeat(2001) }, 'details'],
    [{ reason: 'spam', contentType: 'Offer!', contentId: 'x' }, 'contentType'],
    [{ reason: 'spam', subjectUserId: 'nobody' }, 'subjectUserId'],
  ])('rejects bad input with 400 naming the field (%#)', async (body, field) => {
    const reporter = await makeMember(ctx, home);
    const subject = await makeMember(ctx, home);
    const before = await countRows(ctx, ['reports']);
    const res = await (await signInAs(ctx, reporter)).post(reportsUrl(home), { subjectUserId: subject.id, ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await countRows(ctx, ['reports'])).toEqual(before);
  });

  it('refuses to let a member report themselves', async () => {
    const me = await makeMember(ctx, home);
    const res = await (await signInAs(ctx, me)).post(reportsUrl(home), { subjectUserId: me.id, reason: 'other' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'report.self', field: 'subjectUserId' });
  });

  it('does not let a suspended member, an outsider or nobody report (403/403/401), changing nothing', async () => {
    const subject = await makeMember(ctx, home);
    const suspended = await signInAs(ctx, await makeMember(ctx, home, { status: 'suspended' }));
    const outsider = await signInAs(ctx, await makeMember(ctx, elsewhere));
    const before = await countRows(ctx, ['reports', 'outbox']);
    const body = { subjectUserId: subject.id, reason: 'spam' };
    const bySuspended = await suspended.post(reportsUrl(home), body);
    expect(bySuspended.statusCode).toBe(403);
    expect(bySuspended.json().error.code).toBe('membership.suspended');
    const byOutsider = await outsider.post(reportsUrl(home), body);
    expect(byOutsider.statusCode).toBe(403);
    expect(byOutsider.json().error.code).toBe('community.not_member');
    expect((await anonymous(ctx).post(reportsUrl(home), body)).statusCode).toBe(401);
    expect(await countRows(ctx, ['reports', 'outbox'])).toEqual(before);
  });

  it('tells the administrators when the only coordinator is the one reported', async () => {
    const solo = await makeCommunity(ctx, { name: 'Solo Close' });
    const admin = await makeUser(ctx, { isAdmin: true });
    await fileProfileReport(await makeMember(ctx, solo), solo.coordinator, solo);
    expect(await mailsTo(solo.coordinator.email)).toEqual([]);
    expect((await mailsTo(admin.email)).at(-1)!.subject).toBe('New report in Solo Close');
  });
});

describe('coordinators and reports', () => {
  it('lists reports only to coordinators of the community', async () => {
    const member = await signInAs(ctx, await makeMember(ctx, home));
    const officer = await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' }));
    const otherCoordinator = await signInAs(ctx, elsewhere.coordinator);
    expect((await member.get(reportsUrl(home))).json().error.code).toBe('community.coordinator_only');
    expect((await officer.get(reportsUrl(home))).statusCode).toBe(403);
    expect((await otherCoordinator.get(reportsUrl(home))).json().error.code).toBe('community.not_member');
    expect((await anonymous(ctx).get(reportsUrl(home))).statusCode).toBe(401);
  });

  it('filters by open, resolved and all, newest first, a page at a time', async () => {
    const c = await makeCommunity(ctx);
    const coordinator = await signInAs(ctx, c.coordinator);
    const subject = await makeMember(ctx, c);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await fileProfileReport(await makeMember(ctx, c), subject, c)).id);
    await coordinator.post(`${reportsUrl(c)}/${ids[0]}/resolution`, { outcome: 'dismiss', note: 'Not a problem' });

    const open = (await coordinator.get(reportsUrl(c))).json();
    expect(open.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(open.total).toBe(2);
    const resolved = (await coordinator.get(`${reportsUrl(c)}?status=resolved`)).json();
    expect(resolved.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    const page2 = (await coordinator.get(`${reportsUrl(c)}?status=all&pageSize=2&page=2`)).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    const bad = await coordinator.get(`${reportsUrl(c)}?status=closed`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('status');
  });

  it('upholds a report, recording a negative interaction from reporter to reported in the same step', async () => {
    const reporter = await makeMember(ctx, home);
    const subject = await makeMember(ctx, home);
    const { id } = await fileProfileReport(reporter, subject);
    const coordinator = await signInAs(ctx, home.coordinator);
    const res = await coordinator.post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'uphold', note: 'Confirmed with both neighbours' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'upheld',
      resolutionNote: 'Confirmed with both neighbours',
      resolvedBy: { id: home.coordinator.id, displayName: home.coordinator.displayName },
    });
    expect(res.json().resolvedAt).toEqual(expect.any(String));
    const rows = await ctx.database.query<{ community_id: string; actor_id: string; subject_id: string; weight: number; source_type: string; source_id: string }>(
      `SELECT community_id, actor_id, subject_id, weight, source_type, source_id FROM interactions WHERE kind = 'report_upheld' AND source_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ community_id: home.id, actor_id: reporter.id, subject_id: subject.id, weight: REPORT_UPHELD_WEIGHT, source_type: 'report', source_id: id }]);
    expect(REPORT_UPHELD_WEIGHT).toBeLessThan(0);
  });

  it('dismisses without an interaction; a resolved report cannot be resolved again (409), changing nothing', async () => {
    const { id } = await fileProfileReport(await makeMember(ctx, home), await makeMember(ctx, home));
    const coordinator = await signInAs(ctx, home.coordinator);
    const before = await countRows(ctx, ['interactions']);
    const dismissed = await coordinator.post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'dismiss', note: 'A misunderstanding, now sorted' });
    expect(dismissed.json().status).toBe('dismissed');
    expect(await countRows(ctx, ['interactions'])).toEqual(before);
    const again = await (await signInAs(ctx, secondCoordinator)).post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'uphold', note: 'Changed my mind' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('report.resolved');
    expect(await countRows(ctx, ['interactions'])).toEqual(before);
    expect((await coordinator.get(`${reportsUrl(home)}/${id}`)).json()).toMatchObject({ status: 'dismissed', resolutionNote: 'A misunderstanding, now sorted' });
  });

  it('lets the member report the same thing again once the first report is resolved', async () => {
    const reporter = await makeMember(ctx, home);
    const subject = await makeMember(ctx, home);
    const { id } = await fileProfileReport(reporter, subject);
    await (await signInAs(ctx, home.coordinator)).post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'dismiss', note: 'Spoke to both' });
    await fileProfileReport(reporter, subject);
  });

  it('answers 404 for another community’s report id, changing nothing', async () => {
    const { id } = await fileProfileReport(await makeMember(ctx, elsewhere), await makeMember(ctx, elsewhere), elsewhere);
    const coordinator = await signInAs(ctx, home.coordinator);
    const before = await countRows(ctx, ['reports', 'interactions']);
    expect((await coordinator.get(`${reportsUrl(home)}/${id}`)).statusCode).toBe(404);
    const res = await coordinator.post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'uphold', note: 'Reaching across' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('report.not_found');
    expect(await countRows(ctx, ['reports', 'interactions'])).toEqual(before);
    expect((await (await signInAs(ctx, elsewhere.coordinator)).get(`${reportsUrl(elsewhere)}/${id}`)).json().status).toBe('open');
  });

  it('needs a note, and leaves a report about a coordinator to another coordinator', async () => {
    const { id } = await fileProfileReport(await makeMember(ctx, home), secondCoordinator);
    const self = await signInAs(ctx, secondCoordinator);
    const noNote = await self.post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'dismiss', note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.field).toBe('note');
    const own = await self.post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'dismiss', note: 'Nothing to see' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('report.own_case');
    // The reported coordinator does not see who reported them, nor count it as their work.
    expect((await self.get(`${reportsUrl(home)}/${id}`)).json().error.code).toBe('report.own_case');
    expect((await self.get(`${reportsUrl(home)}?status=all&pageSize=100`)).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await (await signInAs(ctx, home.coordinator)).get(`${reportsUrl(home)}?pageSize=100`)).json().items.map((r: { id: string }) => r.id)).toContain(id);
    const member = await signInAs(ctx, await makeMember(ctx, home));
    expect((await member.post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'dismiss', note: 'I decide' })).statusCode).toBe(403);
    expect((await (await signInAs(ctx, home.coordinator)).post(`${reportsUrl(home)}/${id}/resolution`, { outcome: 'dismiss', note: 'Looked into it' })).statusCode).toBe(200);
  });
});
