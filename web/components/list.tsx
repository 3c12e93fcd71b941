import type { ReactNode } from 'react';

/** A plain list of rows with dividers. */
export function List({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <ul className="list" aria-label={label}>
      {children}
    </ul>
  );
}

/** One row: its content, and the actions that apply to it. */
export function ListItem({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <li className="list__item">
      <div className="list__main">{children}</div>
      {actions ? <div className="list__actions">{actions}</div> : null}
    </li>
  );
}

/** Label and value pairs, e.g. account details. */
export function SummaryList({ items }: { items: { label: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className="summary-list">
      {items.map((item, index) => (
        <div key={index} style={{ display: 'contents' }}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
