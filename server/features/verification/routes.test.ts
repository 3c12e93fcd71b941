import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeOrganisation, makeUser, makeVouch, signInAs, type TestCommunity } from '../../../test/factories.ts';
import { addDays, todayIn } from './dates.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
  elsewhere = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

const FACT_TABLES = ['vouches', 'verifications', 'interactions'];
const today = () => todayIn();
const vouchUrl = (community: { id: string }, subject: { id: string }) => `/api/communities/${community.id}/members/${subject.id}/vouches`;
const checkUrl = (community: { id: string }, subject: { id: string }) => `/api/communities/${community.id}/members/${subject.id}/verifications`;
const summaryUrl = (community: { id: string }, subject: { id: string }) => `/api/communities/${community.id}/members/${subject.id}/verification`;
const dbsBody = (overrides: Record<string, unknown> = {}) => ({ kind: 'dbs', checkedOn: addDays(today(), -10), expiresOn: addDays(today(), 1000), reference: `0012${Math.floor(Math.random() * 1e8)}`, ...overrides });

describe('vouching', () => {
  it('makes a member vouched after two verified members vouch, recording each as an interaction', async () => {
    const subject = await makeMember(ctx, home);
    const first = await makeMember(ctx, home, { verified: true });
    const second = await makeMember(ctx, home, { dbsExpiresOn: addDays(today(), 400) });

    const one = await (await signInAs(ctx, first)).post(vouchUrl(home, subject), { note: 'Known her for years' });
    expect(one.statusCode).toBe(201);
    expect(one.json()).toMatchObject({ subjectId: subject.id, level: 'registered', vouchCount: 1, qualifyingVouchCount: 1 });

    // No body at all is fine: the note is optional.
    const two = await (await signInAs(ctx, second)).request('POST', vouchUrl(home, subject));
    expect(two.statusCode, two.body).toBe(201);
    expect(two.json()).toMatchObject({ level: 'vouched', vouchCount: 2, qualifyingVouchCount: 2 });

    const vouchRows = await ctx.database.query<{ id: string; voucher_id: string; voucher_level: string; note: string }>(
      'SELECT id, voucher_id, voucher_level, note FROM vouches WHERE subject_id = $1 ORDER BY created_at', [subject.id]);
    expect(vouchRows.map((v) => [v.voucher_id, v.voucher_level])).toEqual([[first.id, 'verified'], [second.id, 'safeguarding-checked']]);
    expect(vouchRows[0].note).toBe('Known her for years');
    const ties = await ctx.database.query<{ actor_id: string; kind: string; weight: number; source_type: string; source_id: string; community_id: string }>(
      'SELECT actor_id, kind, weight, source_type, source_id, community_id FROM interactions WHERE subject_id = $1 ORDER BY id', [subject.id]);
    expect(ties).toEqual([
      { actor_id: first.id, kind: 'vouch', weight: 1, source_type: 'vouch', source_id: vouchRows[0].id, community_id: home.id },
      { actor_id: second.id, kind: 'vouch', weight: 1, source_type: 'vouch', source_id: vouchRows[1].id, community_id: home.id },
    ]);
  });

  it('refuses a voucher below verified with 403 vouch.not_verified, changing nothing', async () => {
    const subject = await makeMember(ctx, home);
    const registered = await makeMember(ctx, home);
    const vouched = await makeMember(ctx, home);
    await makeVouch(ctx, home, await makeMember(ctx, home, { verified: true }), vouched);
    await makeVouch(ctx, home, await makeMember(ctx, home, { verified: true }), vouched);
    const before = await countRows(ctx, FACT_TABLES);
    for (const voucher of [registered, vouched]) {
      const res = await (await signInAs(ctx, voucher)).post(vouchUrl(home, subject));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('vouch.not_verified');
    }
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });

  it('counts a lapsed DBS holder as verified, who may still vouch', async () => {
    const lapsed = await makeMember(ctx, home, { dbsExpiresOn: addDays(today(), -1) });
    const subject = await makeMember(ctx, home);
    expect((await (await signInAs(ctx, lapsed)).post(vouchUrl(home, subject))).statusCode).toBe(201);
    const [row] = await ctx.database.query<{ voucher_level: string }>('SELECT voucher_level FROM vouches WHERE voucher_id = $1', [lapsed.id]);
    expect(row.voucher_level).toBe('verified');
  });

  it('refuses a second vouch for the same member with 409, changing nothing', async () => {
    const voucher = await signInAs(ctx, await makeMember(ctx, home, { verified: true }));
    const subject = await makeMember(ctx, home);
    expect((await voucher.post(vouchUrl(home, subject))).statusCode).toBe(201);
    const before = await countRows(ctx, FACT_TABLES);
    const again = await voucher.post(vouchUrl(home, subject));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('vouch.duplicate');
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });

  it('refuses to let a member vouch for themself with 400', async () => {
    const member = await makeMember(ctx, home, { verified: true });
    const before = await countRows(ctx, FACT_TABLES);
    const res = await (await signInAs(ctx, member)).post(vouchUrl(home, member));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'vouch.self', field: 'userId' });
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });

  it('answers 404 for another community\'s member, someone who left, or an unknown id', async () => {
    const voucher = await signInAs(ctx, await makeMember(ctx, home, { verified: true }));
    const outsider = await makeMember(ctx, elsewhere);
    const left = await makeMember(ctx, home, { status: 'left' });
    const before = await countRows(ctx, FACT_TABLES);
    for (const target of [outsider, left, { id: crypto.randomUUID() }]) {
      const res = await voucher.post(vouchUrl(home, target));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('member.not_found');
    }
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });

  it('does not let a verified member of one community vouch in another', async () => {
    const voucher = await signInAs(ctx, await makeMember(ctx, elsewhere, { verified: true }));
    const subject = await makeMember(ctx, home);
    const res = await voucher.post(vouchUrl(home, subject));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('community.not_member');
  });

  it('stops a suspended member, or a suspended account, from vouching', async () => {
    const subject = await makeMember(ctx, home);
    const suspendedMember = await makeMember(ctx, home, { verified: true, status: 'suspended' });
    const suspendedAccount = await makeMember(ctx, home, { verified: true });
    await ctx.database.query('UPDATE users SET suspended_at = now() WHERE id = $1', [suspendedAccount.id]);
    const before = await countRows(ctx, FACT_TABLES);
    const bySuspendedMember = await (await signInAs(ctx, suspendedMember)).post(vouchUrl(home, subject));
    expect(bySuspendedMember.statusCode).toBe(403);
    expect(bySuspendedMember.json().error.code).toBe('membership.suspended');
    const bySuspendedAccount = await (await signInAs(ctx, suspendedAccount)).post(vouchUrl(home, subject));
    expect(bySuspendedAccount.statusCode).toBe(403);
    expect(bySuspendedAccount.json().error.code).toBe('account.suspended');
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });

  it('refuses to vouch for a suspended member with 409', async () => {
    const voucher = await signInAs(ctx, await makeMember(ctx, home, { verified: true }));
    const res = await voucher.post(vouchUrl(home, await makeMember(ctx, home, { status: 'suspended' })));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('vouch.subject_suspended');
  });

  it('needs a signed-in member and valid input', async () => {
    const subject = await makeMember(ctx, home);
    expect((await anonymous(ctx).post(vouchUrl(home, subject))).statusCode).toBe(401);
    expect((await (await signInAs(ctx, await makeUser(ctx))).post(vouchUrl(home, subject))).statusCode).toBe(403);
    const voucher = await signInAs(ctx, await makeMember(ctx, home, { verified: true }));
    const badId = await voucher.post(`/api/communities/${home.id}/members/not-a-uuid/vouches`);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.field).toBe('userId');
    const longNote = await voucher.post(vouchUrl(home, subject), { note: 'x'.repeat(501) });
    expect(longNote.statusCode).toBe(400);
    expect(longNote.json().error.field).toBe('note');
    expect((await voucher.post(`/api/communities/${crypto.randomUUID()}/members/${subject.id}/vouches`)).statusCode).toBe(404);
  });
});

describe('checks recorded by a coordinator', () => {
  it('verifies a member with an identity and address check, recorded as an interaction', async () => {
    const member = await makeMember(ctx, home);
    const coordinator = await signInAs(ctx, home.coordinator);
    const res = await coordinator.post(checkUrl(home, member), { kind: 'identity_address', checkedOn: today(), note: 'Saw a utility bill' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      level: 'verified',
      check: { kind: 'identity_address', checkedOn: today(), expiresOn: null, reference: '', note: 'Saw a utility bill', current: true, recordedBy: { id: home.coordinator.id, displayName: home.coordinator.displayName } },
    });
    const [tie] = await ctx.database.query<{ actor_id: string; kind: string; weight: number; source_type: string; source_id: string }>(
      'SELECT actor_id, kind, weight, source_type, source_id FROM interactions WHERE subject_id = $1', [member.id]);
    expect(tie).toEqual({ actor_id: home.coordinator.id, kind: 'verification', weight: 1, source_type: 'verification', source_id: res.json().check.id });
  });

  it('makes a verified member safeguarding-checked with a DBS check, and warns 30 days before it lapses', async () => {
    const member = await makeMember(ctx, home, { verified: true });
    const coordinator = await signInAs(ctx, home.coordinator);
    const res = await coordinator.post(checkUrl(home, member), dbsBody({ expiresOn: addDays(today(), 30) }));
    expect(res.statusCode).toBe(201);
    expect(res.json().level).toBe('safeguarding-checked');
    const summary = (await (await signInAs(ctx, member)).get(summaryUrl(home, member))).json();
    expect(summary).toMatchObject({ level: 'safeguarding-checked', dbsExpiresOn: addDays(today(), 30), nextStep: { code: 'dbs_expiring', daysLeft: 30 } });
    expect(summary.nextStep.message).toMatch(/^DBS expires in 30 days/);
  });

  it('drops a member with a lapsed DBS back to verified', async () => {
    const member = await makeMember(ctx, home, { dbsExpiresOn: addDays(today(), -3) });
    const summary = (await (await signInAs(ctx, home.coordinator)).get(summaryUrl(home, member))).json();
    expect(summary.level).toBe('verified');
    expect(summary.nextStep.code).toBe('dbs_expired');
    expect(summary.checks.find((c: { kind: string }) => c.kind === 'dbs')).toMatchObject({ current: false });
  });

  it.each([
    ['an expiry before the check date', { checkedOn: '2026-01-10', expiresOn: '2026-01-09' }, 'expiresOn'],
    ['an expiry in the past', { checkedOn: '2023-01-01', expiresOn: '2024-01-01' }, 'expiresOn'],
    ['an expiry of today', { checkedOn: '2023-01-01', expiresOn: todayIn() }, 'expiresOn'],
    ['a check date in the future', { checkedOn: addDays(todayIn(), 2), expiresOn: addDays(todayIn(), 900) }, 'checkedOn'],
    ['a malformed date', { checkedOn: '10/01/2026' }, 'checkedOn'],
    ['no certificate reference', { reference: '' }, 'reference'],
    ['no expiry', { expiresOn: undefined }, 'expiresOn'],
    ['an unknown kind', { kind: 'passport' }, 'kind'],
  ])('refuses a DBS check with %s (400 naming the field), changing nothing', async (_what, overrides, field) => {
    const member = await makeMember(ctx, home, { verified: true });
    const before = await countRows(ctx, FACT_TABLES);
    const res = await (await signInAs(ctx, home.coordinator)).post(checkUrl(home, member), dbsBody(overrides));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });

  it('refuses the same DBS certificate twice with 409', async () => {
    const member = await makeMember(ctx, home, { verified: true });
    const coordinator = await signInAs(ctx, home.coordinator);
    const body = dbsBody();
    expect((await coordinator.post(checkUrl(home, member), body)).statusCode).toBe(201);
    const before = await countRows(ctx, FACT_TABLES);
    const again = await coordinator.post(checkUrl(home, member), { ...body, reference: ` ${body.reference.toUpperCase()} ` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'verification.duplicate_dbs', field: 'reference' });
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });

  it('refuses a coordinator recording their own check, and a DBS check for an organisation', async () => {
    const coordinator = await signInAs(ctx, home.coordinator);
    const self = await coordinator.post(checkUrl(home, home.coordinator), { kind: 'identity_address', checkedOn: today() });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('verification.self');
    const organisation = await makeOrganisation(ctx, home, { agents: [await makeMember(ctx, home)] });
    const dbs = await coordinator.post(checkUrl(home, organisation), dbsBody());
    expect(dbs.statusCode).toBe(400);
    expect(dbs.json().error).toMatchObject({ code: 'verification.dbs_person_only', field: 'kind' });
    expect((await coordinator.post(checkUrl(home, organisation), { kind: 'identity_address', checkedOn: today() })).json().level).toBe('verified');
  });

  it('lets only a coordinator of this community record checks', async () => {
    const member = await makeMember(ctx, home);
    const body = { kind: 'identity_address', checkedOn: today() };
    const others = await Promise.all((['member', 'officer'] as const).map(async (role) => signInAs(ctx, await makeMember(ctx, home, { role, verified: true }))));
    const suspended = await signInAs(ctx, await makeMember(ctx, home, { role: 'coordinator', status: 'suspended' }));
    const otherCoordinator = await signInAs(ctx, elsewhere.coordinator);
    const before = await countRows(ctx, FACT_TABLES);
    expect((await anonymous(ctx).post(checkUrl(home, member), body)).statusCode).toBe(401);
    for (const client of others) {
      const res = await client.post(checkUrl(home, member), body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('community.coordinator_only');
    }
    expect((await otherCoordinator.post(checkUrl(home, member), body)).statusCode).toBe(403);
    const viaOwnCommunity = await otherCoordinator.post(checkUrl(elsewhere, member), body);
    expect(viaOwnCommunity.statusCode).toBe(404);
    expect((await suspended.post(checkUrl(home, member), body)).statusCode).toBe(403);
    expect(await countRows(ctx, FACT_TABLES)).toEqual(before);
  });
});

describe('verification summary', () => {
  it('shows another member the level and counts only, and whether they can vouch', async () => {
    const subject = await makeMember(ctx, home);
    await makeVouch(ctx, home, await makeMember(ctx, home, { verified: true }), subject);
    const viewer = await signInAs(ctx, await makeMember(ctx, home, { verified: true }));
    const before = (await viewer.get(summaryUrl(home, subject))).json();
    expect(before).toEqual({
      userId: subject.id, level: 'registered', vouchCount: 1, qualifyingVouchCount: 1, vouchedByViewer: false, viewerCanVouch: true,
      dbsExpiresOn: null, nextStep: null, vouches: null, checks: null,
    });
    await viewer.post(vouchUrl(home, subject));
    const after = (await viewer.get(summaryUrl(home, subject))).json();
    expect(after).toMatchObject({ level: 'vouched', vouchedByViewer: true, viewerCanVouch: false });
    const unverified = await signInAs(ctx, await makeMember(ctx, home));
    expect((await unverified.get(summaryUrl(home, subject))).json().viewerCanVouch).toBe(false);
  });

  it('shows the member their next step and who vouched, but not the check history', async () => {
    const member = await makeMember(ctx, home);
    const voucher = await makeMember(ctx, home, { verified: true, displayName: 'Olu Vouching' });
    await makeVouch(ctx, home, voucher, member);
    const own = (await (await signInAs(ctx, member)).get(summaryUrl(home, member))).json();
    expect(own.nextStep).toMatchObject({ code: 'vouches_needed', vouchesNeeded: 1 });
    expect(own.nextStep.message).toMatch(/^Needs one more vouch/);
    expect(own.vouches).toEqual([expect.objectContaining({ voucher: { id: voucher.id, displayName: 'Olu Vouching' }, voucherLevel: 'verified' })]);
    expect(own.checks).toBeNull();
    expect(own.viewerCanVouch).toBe(false);
  });

  it('shows coordinators the check history with who recorded it', async () => {
    const member = await makeMember(ctx, home, { dbsExpiresOn: addDays(today(), 300) });
    const summary = (await (await signInAs(ctx, home.coordinator)).get(summaryUrl(home, member))).json();
    expect(summary.level).toBe('safeguarding-checked');
    expect(summary.checks).toHaveLength(2);
    expect(summary.checks.map((c: { kind: string }) => c.kind).sort()).toEqual(['dbs', 'identity_address']);
    expect(summary.checks[0].recordedBy).toEqual({ id: home.coordinator.id, displayName: home.coordinator.displayName });
    expect(summary.checks.find((c: { kind: string }) => c.kind === 'dbs').reference).toBe('DBS-TEST');
  });

  it('lets a suspended member read, but answers 404 for other communities and 403 for outsiders', async () => {
    const subject = await makeMember(ctx, home);
    expect((await (await signInAs(ctx, await makeMember(ctx, home, { status: 'suspended' }))).get(summaryUrl(home, subject))).statusCode).toBe(200);
    const member = await signInAs(ctx, await makeMember(ctx, home));
    expect((await member.get(summaryUrl(home, await makeMember(ctx, elsewhere)))).statusCode).toBe(404);
    expect((await (await signInAs(ctx, await makeMember(ctx, elsewhere))).get(summaryUrl(home, subject))).statusCode).toBe(403);
    expect((await anonymous(ctx).get(summaryUrl(home, subject))).statusCode).toBe(401);
  });
});

describe('coordinators\' verification list', () => {
  it('filters by level and DBS standing and pages with a total', async () => {
    const community = await makeCommunity(ctx);
    const registered = await makeMember(ctx, community, { displayName: 'Ann Registered' });
    await makeMember(ctx, community, { displayName: 'Bea Verified', verified: true });
    const expiring = await makeMember(ctx, community, { displayName: 'Cal Expiring', dbsExpiresOn: addDays(today(), 20) });
    const lapsed = await makeMember(ctx, community, { displayName: 'Dee Lapsed', dbsExpiresOn: addDays(today(), -20) });
    await makeMember(ctx, community, { displayName: 'Eve Gone', status: 'left' });
    const coordinator = await signInAs(ctx, community.coordinator);
    const url = `/api/communities/${community.id}/verification/members`;

    const all = (await coordinator.get(url)).json();
    expect(all.total).toBe(5);
    expect(all.items.map((i: { displayName: string }) => i.displayName)).not.toContain('Eve Gone');
    expect(all.items.find((i: { userId: string }) => i.userId === registered.id).nextStep.code).toBe('vouches_needed');

    const verified = (await coordinator.get(`${url}?level=verified`)).json();
    expect(verified.items.map((i: { displayName: string }) => i.displayName)).toEqual(['Bea Verified', community.coordinator.displayName, 'Dee Lapsed'].sort());
    expect((await coordinator.get(`${url}?dbs=expiring`)).json().items.map((i: { userId: string }) => i.userId)).toEqual([expiring.id]);
    expect((await coordinator.get(`${url}?dbs=expired`)).json().items.map((i: { userId: string }) => i.userId)).toEqual([lapsed.id]);

    // Finding by name includes members who are not listed in the directory.
    await ctx.database.query('UPDATE profiles SET show_in_directory = false WHERE user_id = $1', [lapsed.id]);
    expect((await coordinator.get(`${url}?q=dee`)).json().items.map((i: { userId: string }) => i.userId)).toEqual([lapsed.id]);
    expect((await coordinator.get(`${url}?q=${encodeURIComponent('100%')}`)).json().total).toBe(0);

    const page = (await coordinator.get(`${url}?limit=2&offset=2`)).json();
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect((await coordinator.get(`${url}?offset=50`)).json()).toEqual({ total: 5, items: [] });
  });

  it('is for coordinators only, and checks its query', async () => {
    const url = `/api/communities/${home.id}/verification/members`;
    expect((await (await signInAs(ctx, await makeMember(ctx, home))).get(url)).statusCode).toBe(403);
    expect((await (await signInAs(ctx, elsewhere.coordinator)).get(url)).statusCode).toBe(403);
    const bad = await (await signInAs(ctx, home.coordinator)).get(`${url}?level=famous`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('level');
  });
});
