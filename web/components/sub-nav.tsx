import { NavLink } from 'react-router';

/**
 * Links between the sections of a console. They are links to pages (not ARIA tabs), so each
 * section has its own address and the browser's back button works.
 */
export function SubNav({ label, items }: { label: string; items: { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav aria-label={label}>
      <ul className="tabs">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>{item.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
