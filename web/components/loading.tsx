import { t } from '../i18n/index.ts';

/** A polite "loading" message with a spinner (the spinner stops when motion is reduced). */
export function Loading({ label }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
