import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import { t } from '../i18n/index.ts';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';
const className = (variant: Variant, extra?: string) => ['button', variant === 'primary' ? '' : `button--${variant}`, extra ?? ''].filter(Boolean).join(' ');

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean; children: ReactNode };

/**
 * A button. While `busy` it stays focusable (aria-disabled rather than disabled, so focus is
 * not lost) and says that it is working; clicks are ignored.
 */
export function Button({ variant = 'primary', busy = false, type = 'button', className: extra, onClick, children, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={className(variant, extra)}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy ? t('common.working') : children}
    </button>
  );
}

/** A link that looks like a button, for moving to another page. */
export function ButtonLink({ variant = 'primary', className: extra, ...rest }: LinkProps & { variant?: Variant }) {
  return <Link {...rest} className={className(variant, extra)} />;
}
