import type { ReactNode } from 'react';

type CardProps = { title?: ReactNode; headingLevel?: 2 | 3 | 4; meta?: ReactNode; children?: ReactNode; as?: 'section' | 'article' | 'div' | 'li'; className?: string };

/** A framed group of related content, with an optional heading at the right level. */
export function Card({ title, headingLevel = 2, meta, children, as: Tag = 'section', className }: CardProps) {
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2];
  return (
    <Tag className={['card', className ?? ''].filter(Boolean).join(' ')}>
      {title ? <Heading className="card__title">{title}</Heading> : null}
      {meta ? <div className="card__meta">{meta}</div> : null}
      {children}
    </Tag>
  );
}
