import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, verifications, vouches } from '../../db/schema.ts';
import { VERIFICATION_LEVELS } from '../../../common/verification.ts';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeMember, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { addDays, todayIn } from './dates.ts';
import { computeLevel, type CheckFact, type VouchFact } from './levels.ts';
import { getVerificationLevel, getVerificationLevels, levelSql } from './service.ts';

let ctx: TestContext;
let community: TestCommunity;
let vouchers: TestUser[];
beforeAll(async () => {
  ctx = await createTestContext();
  community = await makeCommunity(ctx);
  vouchers = [];
  for (let i = 0; i < 4; i++) vouchers.push(await makeMember(ctx, community));
});
afterAll(() => ctx?.close());

const TODAY = todayIn();
const offsetDate = fc.integer({ min: -400, max: 400 }).map((d) => addDays(TODAY, d));
// Facts the database can hold: at most one vouch per voucher, DBS expiring after its check.
const scenario = fc.record({
  vouches: fc.uniqueArray(fc.record({ voucher: fc.integer({ min: 0, max: 3 }), level: fc.constantFrom<string>(...VERIFICATION_LEVELS) }), { selector: (v) => v.voucher, maxLength: 4 }),
  checks: fc.array(
    fc.oneof(
      offsetDate.map((checkedOn): CheckFact => ({ kind: 'identity_address', checkedOn, expiresOn: null })),
      fc.tuple(offsetDate, fc.integer({ min: 1, max: 800 })).map(([checkedOn, days]): CheckFact => ({ kind: 'dbs', checkedOn, expiresOn: addDays(checkedOn, days) })),
    ),
    { maxLength: 3 },
  ),
  asOf: fc.array(offsetDate, { minLength: 1, maxLength: 3 }),
});

async function sqlLevel(userId: string, today: string) {
  const [row] = await ctx.db.select({ level: levelSql(community.id, memberships.userId, today) }).from(memberships)
    .where(and(eq(memberships.communityId, community.id), eq(memberships.userId, userId)));
  return row.level;
}

describe('the level rules in SQL and in TypeScript', () => {
  it('agree on generated facts, as of several dates', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ vouches: vouchSpecs, checks, asOf }) => {
        const subject = await makeMember(ctx, community);
        const vouchFacts: VouchFact[] = vouchSpecs.map((v) => ({ voucherId: vouchers[v.voucher].id, voucherLevel: v.level }));
        for (const v of vouchFacts) await ctx.db.insert(vouches).values({ communityId: community.id, voucherId: v.voucherId, subjectId: subject.id, voucherLevel: v.voucherLevel });
        for (const c of checks) {
          await ctx.db.insert(verifications).values({ communityId: community.id, subjectId: subject.id, coordinatorId: community.coordinator.id, kind: c.kind, checkedOn: c.checkedOn, expiresOn: c.expiresOn, reference: c.kind === 'dbs' ? 'X' : '' });
        }
        // The day a DBS lapses, and the day before, are where the rules could disagree.
        const boundaries = checks.flatMap((c) => (c.expiresOn ? [c.expiresOn, addDays(c.expiresOn, -1)] : []));
        for (const today of [...asOf, ...boundaries]) {
          const expected = computeLevel({ vouches: vouchFacts, checks }, today);
          expect(await sqlLevel(subject.id, today)).toBe(expected.level);
          expect(await getVerificationLevel(ctx.db, community.id, subject.id, today)).toEqual(expected);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('getVerificationLevels', () => {
  it('gives the same answers in one batch as one by one, and registered for someone with no facts', async () => {
    const plain = await makeMember(ctx, community);
    const verified = await makeMember(ctx, community, { verified: true });
    const checked = await makeMember(ctx, community, { dbsExpiresOn: addDays(TODAY, 90) });
    const outsider = await makeMember(ctx, await makeCommunity(ctx), { verified: true });
    const ids = [plain.id, verified.id, checked.id, outsider.id];
    const batch = await getVerificationLevels(ctx.db, community.id, ids);
    expect(ids.map((id) => batch.get(id)!.level)).toEqual(['registered', 'verified', 'safeguarding-checked', 'registered']);
    for (const id of ids) expect(batch.get(id)).toEqual(await getVerificationLevel(ctx.db, community.id, id));
    expect((await getVerificationLevels(ctx.db, community.id, [])).size).toBe(0);
  });

  it('takes the date into account, so a DBS lapses without any write', async () => {
    const member = await makeMember(ctx, community, { dbsExpiresOn: addDays(TODAY, 10) });
    expect((await getVerificationLevel(ctx.db, community.id, member.id, TODAY)).level).toBe('safeguarding-checked');
    expect((await getVerificationLevel(ctx.db, community.id, member.id, addDays(TODAY, 10))).level).toBe('verified');
  });
});
