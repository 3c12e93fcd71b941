/** A round photo, or the person's initials when they have none (decorative: the name is beside it). */
export function Avatar({ name, src, large }: { name: string; src?: string | null; large?: boolean }) {
  const className = large ? 'avatar avatar--large' : 'avatar';
  if (src) return <img className={className} src={src} alt="" />;
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
  return (
    <span className={className} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
