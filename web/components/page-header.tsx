import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { t } from '../i18n/index.ts';

/**
 * The page's one h1, its lead text and the document title. After a move between pages the
 * heading takes focus, so screen-reader users hear where they are, as on a full page load.
 */
export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [title]);

  useEffect(() => {
    // The first page of a visit has the key 'default'; the browser already starts at the top.
    if (location.key !== 'default') heading.current?.focus();
  }, [location.key]);

  return (
    <div className="page-header">
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {lead ? <p className="page-header__lead">{lead}</p> : null}
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
