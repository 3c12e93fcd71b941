import type { ReactNode } from 'react';
import { t } from '../../../i18n/index.ts';
import { fieldError, fieldId } from '../../../lib/form.ts';
import { splitMinutes } from '../duration.ts';

type DurationFieldProps = {
  /** The API's field name (e.g. "minutes"); the minutes box carries it, the hours box `${name}Hours`. */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  /** The form's current failure; a message about either box shows once, under the legend. */
  error?: unknown;
  defaultMinutes?: number | null;
  optional?: boolean;
  /** Distinguishes two forms with the same field on one page. */
  idPrefix?: string;
};

/**
 * Time typed as hours and minutes in two boxes under one legend, which is easier than "90
 * minutes" for most people. Read it back with readDuration.
 */
export function DurationField({ name, legend, hint, error, defaultMinutes, optional, idPrefix = '' }: DurationFieldProps) {
  const id = fieldId(`${idPrefix}${name}`);
  const message = fieldError(error, name) ?? fieldError(error, `${name}Hours`);
  const initial = splitMinutes(defaultMinutes);
  const described = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={message ? 'fieldset field--invalid duration' : 'fieldset duration'} aria-describedby={described}>
      <legend className="field__label">
        {legend}
        {optional ? <span className="field__optional"> {t('forms.optional')}</span> : null}
      </legend>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      {message ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">{t('forms.errorPrefix')}</span>
          {message}
        </p>
      ) : null}
      <div className="duration__boxes">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-hours`}>{t('timebank.duration.hoursLabel')}</label>
          <input id={`${id}-hours`} name={`${name}Hours`} className="input duration__input" inputMode="numeric" autoComplete="off" defaultValue={initial.hours} aria-invalid={message ? true : undefined} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={id}>{t('timebank.duration.minutesLabel')}</label>
          <input id={id} name={name} className="input duration__input" inputMode="numeric" autoComplete="off" defaultValue={initial.minutes} aria-invalid={message ? true : undefined} />
        </div>
      </div>
    </fieldset>
  );
}
