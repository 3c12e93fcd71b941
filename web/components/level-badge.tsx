import type { VerificationLevel } from '../../common/verification.ts';
import { levelName, roleName, type Role } from './labels.ts';

/** A member's verification level as a badge; the words carry the meaning, colour only helps. */
export function LevelBadge({ level }: { level: VerificationLevel }) {
  return <span className={`badge badge--${level}`}>{levelName(level)}</span>;
}

/** A role badge, shown only for roles other than plain member. */
export function RoleBadge({ role }: { role: Role }) {
  return role === 'member' ? null : <span className="badge badge--role">{roleName(role)}</span>;
}
