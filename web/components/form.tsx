import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { t } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';
import { readForm, type FormReader } from '../lib/form.ts';
import { Button } from './button.tsx';
import { Notice } from './notice.tsx';

type FormProps = {
  onSubmit(values: FormReader, form: HTMLFormElement): void;
  /** The last failure (a mutation's error); its field gets the inline message. */
  error?: unknown;
  busy?: boolean;
  submitLabel: string;
  submitVariant?: 'primary' | 'secondary' | 'danger';
  /** Extra buttons or links beside the submit button. */
  actions?: ReactNode;
  /** The controls; a function gets the error to show, including one found before sending. */
  children?: ReactNode | ((error: unknown) => ReactNode);
  label?: string;
};

/**
 * A form that reads its controls on submit and shows a failure twice, as the GOV.UK pattern
 * does: an error summary at the top (focused, so it is announced) linking to the field, and
 * the field's own inline message.
 */
export function Form({ onSubmit, error, busy, submitLabel, submitVariant = 'primary', actions, children, label }: FormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // A value the form could not even send (a number that is not one) is shown like a server error.
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const shown = localError ?? error;

  useEffect(() => {
    if (shown) summaryRef.current?.focus();
  }, [shown]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setLocalError(null);
    try {
      onSubmit(readForm(event.currentTarget), event.currentTarget);
    } catch (problem) {
      if (!(problem instanceof ApiError)) throw problem;
      setLocalError(problem);
    }
  };

  return (
    <form className="form" ref={formRef} onSubmit={submit} noValidate aria-label={label}>
      {shown ? <ErrorSummary error={shown} formRef={formRef} summaryRef={summaryRef} /> : null}
      {typeof children === 'function' ? children(shown) : children}
      <div className="button-row">
        <Button type="submit" variant={submitVariant} busy={busy}>
          {submitLabel}
        </Button>
        {actions}
      </div>
    </form>
  );
}

function ErrorSummary({ error, formRef, summaryRef }: { error: unknown; formRef: React.RefObject<HTMLFormElement | null>; summaryRef: React.Ref<HTMLDivElement> }) {
  const message = error instanceof Error ? error.message : t('errors.server.error');
  const field = error instanceof ApiError ? error.field : undefined;
  // Found by name within this form, so two forms on a page with the same field names never mix.
  const named = field ? formRef.current?.elements.namedItem(field) : null;
  const control = named instanceof HTMLElement && named.id ? named : null;
  return (
    <Notice tone="error" title={t('forms.problem')} focusRef={summaryRef}>
      {control ? (
        <p>
          <a
            href={`#${control.id}`}
            onClick={(event) => {
              event.preventDefault();
              control.focus();
            }}
          >
            {message}
          </a>
        </p>
      ) : (
        <p>{message}</p>
      )}
    </Notice>
  );
}
