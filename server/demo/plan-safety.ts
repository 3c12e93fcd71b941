// The moderation side of a demo community: a report that was upheld (its subject is now
// suspended), one waiting for a coordinator, one dismissed, and a few blocks.
import { DAY_MS, type CommunityCast, type Plan } from './plan.ts';
import type { Random } from './random.ts';

/** Plans one community's reports, suspension and blocks; returns who is suspended. */
export function planSafety(plan: Plan, cast: CommunityCast, random: Random, nowDate: Date): Set<number> {
  const now = nowDate.getTime();
  const c = cast.community;
  const candidates = cast.regulars.filter((p) => p !== cast.documentedMember && !plan.agents.some((a) => a.person === p));
  const joinedBefore = (t: number) => candidates.filter((p) => cast.joinedAt.get(p)!.getTime() < t - DAY_MS);
  const suspended = new Set<number>();
  if (candidates.length < 6) return suspended;

  // Upheld: harassment on the street, then a suspension.
  const upheldAt = now - random.int(12, 20) * DAY_MS;
  const early = joinedBefore(upheldAt);
  if (early.length >= 2) {
    const subject = random.pick(early);
    const neighbours = early.filter((p) => p !== subject && cast.street.get(p) === cast.street.get(subject));
    const reporter = random.pick(neighbours.length > 0 ? neighbours : early.filter((p) => p !== subject));
    const resolvedAt = new Date(upheldAt + random.int(1, 3) * DAY_MS);
    plan.reports.push({
      community: c,
      reporter,
      subject,
      reason: 'harassment',
      details: 'Has sent me several unpleasant messages about parking outside my house, and shouted at my children.',
      status: 'upheld',
      resolvedBy: cast.coordinators[0],
      resolutionNote: 'Spoke to both neighbours and saw the messages. Suspended while we arrange a mediation meeting.',
      resolvedAt,
      createdAt: new Date(upheldAt),
    });
    const reason = 'Repeated unkind messages to a neighbour (report upheld). Suspended until a mediation meeting.';
    plan.suspensions.push({ community: c, actor: cast.coordinators[0], subject, reason, createdAt: new Date(resolvedAt.getTime() + 30 * 60_000) });
    const membership = plan.memberships.find((m) => m.community === c && m.person === subject)!;
    membership.status = 'suspended';
    membership.statusReason = reason;
    suspended.add(subject);
    plan.blocks.push({ blocker: reporter, blocked: subject, createdAt: new Date(upheldAt - 3_600_000) });
  }

  const others = (t: number) => joinedBefore(t).filter((p) => !suspended.has(p));

  // Dismissed: a misunderstanding about a profile photo.
  const dismissedAt = now - random.int(25, 40) * DAY_MS;
  const beforeDismissed = others(dismissedAt);
  if (beforeDismissed.length >= 2) {
    const [reporter, subject] = random.sample(beforeDismissed, 2);
    plan.reports.push({
      community: c,
      reporter,
      subject,
      reason: 'inappropriate',
      details: 'I think the profile photo is not suitable for a neighbourhood site.',
      status: 'dismissed',
      resolvedBy: cast.coordinators[1],
      resolutionNote: 'Looked at the photo with another coordinator: it is a holiday picture and fine.',
      resolvedAt: new Date(dismissedAt + DAY_MS),
      createdAt: new Date(dismissedAt),
    });
  }

  // Open: waiting in the coordinator console.
  const openAt = now - random.int(4, 60) * 3_600_000;
  const beforeOpen = others(openAt);
  if (beforeOpen.length >= 2) {
    const [reporter, subject] = random.sample(beforeOpen, 2);
    plan.reports.push({
      community: c,
      reporter,
      subject,
      reason: 'spam',
      details: 'Keeps offering a paid cleaning business to everyone who posts a request.',
      status: 'open',
      resolvedBy: null,
      resolutionNote: '',
      resolvedAt: null,
      createdAt: new Date(openAt),
    });
  }

  // People block each other now and then; blocks hold between people, so keep each pair once.
  for (let i = 0; i < 2; i++) {
    const [blocker, blocked] = random.sample(candidates, 2);
    if (plan.blocks.some((b) => b.blocker === blocker && b.blocked === blocked)) continue;
    const since = Math.max(cast.joinedAt.get(blocker)!.getTime(), cast.joinedAt.get(blocked)!.getTime());
    plan.blocks.push({ blocker, blocked, createdAt: new Date(since + (now - since) * random.next()) });
  }
  return suspended;
}
