// The member directory: active members who chose to be listed, searchable by name, skills and
// bio (the trigger-kept profile_search document, see migrations/0002), filtered by skill and
// verification level, paged in the database. Blocks hide people in both directions.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberships, profiles, profileSearch, skills, userSkills, users } from '../../db/schema.ts';
import type { DirectoryPage, DirectoryQuery } from '../../../common/directory.ts';
import { badgeFor, memberPhotoUrl } from '../profiles/service.ts';
import { todayIn } from '../verification/dates.ts';
import { levelSql } from '../verification/service.ts';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of the community's directory as `viewerId` may see it. */
export async function searchDirectory(db: Db, communityId: string, viewerId: string, query: DirectoryQuery, today: string = todayIn()): Promise<DirectoryPage> {
  const level = levelSql(communityId, users.id, today);
  const filters: SQL[] = [
    eq(memberships.communityId, communityId),
    eq(memberships.status, 'active'),
    sql`${users.deletedAt} IS NULL AND ${users.suspendedAt} IS NULL`,
    eq(profiles.showInDirectory, true),
    sql`NOT EXISTS (SELECT 1 FROM blocks kb WHERE (kb.blocker_id = ${viewerId}::uuid AND kb.blocked_id = ${users.id}) OR (kb.blocker_id = ${users.id} AND kb.blocked_id = ${viewerId}::uuid))`,
  ];
  let rank: SQL | undefined;
  const q = query.q?.trim();
  if (q) {
    // 'english' stems ("gardening" finds "Gardening"); 'simple' keeps stop words, so that a
    // name like "Will" or "May" can still be found.
    const english = sql`websearch_to_tsquery('english', ${q})`;
    const simple = sql`websearch_to_tsquery('simple', ${q})`;
    const prefix = `${escapeLike(q)}%`;
    const namePrefix = sql`(${users.displayName} ILIKE ${prefix} OR ${users.displayName} ILIKE ${`% ${prefix}`})`;
    filters.push(sql`(${profileSearch.document} @@ ${english} OR ${profileSearch.document} @@ ${simple} OR ${namePrefix})`);
    rank = sql`(ts_rank(coalesce(${profileSearch.document}, ''::tsvector), ${english}) + CASE WHEN ${namePrefix} THEN 1 ELSE 0 END)`;
  }
  if (query.skill) {
    filters.push(sql`EXISTS (SELECT 1 FROM user_skills kus JOIN skills ks ON ks.id = kus.skill_id WHERE kus.user_id = ${users.id} AND kus.kind = 'skill' AND ks.slug = ${query.skill})`);
  }
  if (query.level) filters.push(sql`${level} = ${query.level}`);

  const rows = await db
    .select({
      id: users.id,
      kind: users.kind,
      displayName: users.displayName,
      role: memberships.role,
      area: profiles.area,
      showArea: profiles.showArea,
      hasPhoto: sql<boolean>`${profiles.photo} IS NOT NULL`,
      updatedAt: profiles.updatedAt,
      level,
      total: sql<number>`count(*) OVER ()`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(profileSearch, eq(profileSearch.userId, users.id))
    .where(and(...filters))
    .orderBy(...(rank ? [desc(rank)] : []), asc(users.displayName), asc(users.id))
    .limit(query.limit)
    .offset(query.offset);

  const total = rows.length > 0 ? Number(rows[0].total) : query.offset > 0 ? await countMatches(db, filters) : 0;
  const skillRows = rows.length === 0 ? [] : await db
    .select({ userId: userSkills.userId, id: skills.id, slug: skills.slug, label: skills.label })
    .from(userSkills)
    .innerJoin(skills, eq(skills.id, userSkills.skillId))
    .where(and(inArray(userSkills.userId, rows.map((r) => r.id)), eq(userSkills.kind, 'skill')))
    .orderBy(asc(skills.label));

  return {
    total,
    limit: query.limit,
    offset: query.offset,
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      displayName: row.displayName,
      photoUrl: memberPhotoUrl(communityId, row.id, row.hasPhoto, row.updatedAt),
      area: row.showArea && row.area !== '' ? row.area : null,
      skills: skillRows.filter((s) => s.userId === row.id).map(({ userId: _u, ...s }) => s),
      level: row.level,
      badge: badgeFor(row.role),
    })),
  };
}

/** The number of matches when the requested page is past the end (so it has no rows to count on). */
async function countMatches(db: Db, filters: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(profileSearch, eq(profileSearch.userId, users.id))
    .where(and(...filters));
  return row.n;
}
