import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

/**
 * A message box. Errors are announced at once (role=alert); others politely (role=status).
 * Colour is backed by a title, so the tone is never carried by colour alone.
 */
export function Notice({ tone = 'info', title, children, id, focusRef }: { tone?: Tone; title?: ReactNode; children?: ReactNode; id?: string; focusRef?: React.Ref<HTMLDivElement> }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'} id={id} ref={focusRef} tabIndex={focusRef ? -1 : undefined}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}
