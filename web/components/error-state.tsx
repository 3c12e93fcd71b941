import { t } from '../i18n/index.ts';
import { Button } from './button.tsx';
import { Notice } from './notice.tsx';

/** What a page shows when its data could not be loaded, with a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error && error.message ? error.message : t('errors.server.error');
  return (
    <Notice tone="error" title={t('errors.loadTitle')}>
      <p>{message}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      ) : null}
    </Notice>
  );
}
