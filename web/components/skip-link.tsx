import { t } from '../i18n/index.ts';

/** Lets keyboard users jump past the navigation to the page's content. */
export function SkipLink({ target = 'main' }: { target?: string }) {
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(target)?.focus();
      }}
    >
      {t('app.skipToContent')}
    </a>
  );
}
