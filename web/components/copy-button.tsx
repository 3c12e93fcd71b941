import { useState } from 'react';
import { t } from '../i18n/index.ts';
import { Button } from './button.tsx';

/** Shows a value (a link) with a button that copies it, and says so when it has. */
export function CopyBox({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div>
      <div className="copy-box">
        <code aria-label={label}>{value}</code>
        <Button variant="secondary" onClick={() => void copy()}>
          {t('common.copy')}
        </Button>
      </div>
      <p role="status" className="text-small">
        {copied === 'done' ? t('common.copied') : copied === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}
