import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { t } from '../i18n/index.ts';
import { fieldId } from '../lib/form.ts';

type Common = { name: string; label: ReactNode; hint?: ReactNode; error?: string; optional?: boolean };

/** The ids a control's description points at: its hint, then its error. */
function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function FieldShell({ id, label, hint, error, optional, children }: Omit<Common, 'name'> & { id: string; children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> {t('forms.optional')}</span> : null}
      </label>
      {hint ? <div className="field__hint" id={`${id}-hint`}>{hint}</div> : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">{t('forms.errorPrefix')}</span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

type TextFieldProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & { short?: boolean };

/** A labelled single-line input with an optional hint and an inline error. */
export function TextField({ name, label, hint, error, optional, short, className, ...rest }: TextFieldProps) {
  const id = rest.id ?? fieldId(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional}>
      <input
        {...rest}
        id={id}
        name={name}
        className={['input', short ? 'input--short' : '', className ?? ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldShell>
  );
}

type TextAreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

/** A labelled multi-line input. */
export function TextArea({ name, label, hint, error, optional, ...rest }: TextAreaProps) {
  const id = rest.id ?? fieldId(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional}>
      <textarea {...rest} id={id} name={name} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
    </FieldShell>
  );
}

type SelectProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & { options: { value: string; label: string }[] };

/** A labelled drop-down list. */
export function Select({ name, label, hint, error, optional, options, ...rest }: SelectProps) {
  const id = rest.id ?? fieldId(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional}>
      <select {...rest} id={id} name={name} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type CheckboxProps = Omit<Common, 'optional'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'>;

/** A checkbox with its label beside it (a larger target than the box alone) and a hint below. */
export function Checkbox({ name, label, hint, error, ...rest }: CheckboxProps) {
  const id = rest.id ?? fieldId(rest.value !== undefined ? `${name}-${String(rest.value)}` : name);
  return (
    <div className="checkbox">
      <input {...rest} type="checkbox" id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
      <div className="checkbox__text">
        <label htmlFor={id}>{label}</label>
        {hint ? <span className="field__hint" id={`${id}-hint`}>{hint}</span> : null}
        {error ? <span className="field__error" id={`${id}-error`}>{error}</span> : null}
      </div>
    </div>
  );
}

/** A group of related controls with a visible legend. */
export function Fieldset({ legend, hint, children }: { legend: ReactNode; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {children}
    </fieldset>
  );
}

type RadiosProps = { name: string; id?: string; legend: ReactNode; hint?: ReactNode; error?: string; options: { value: string; label: string; hint?: string }[]; value?: string; defaultValue?: string; onChange?: (value: string) => void };

/** A group of radio buttons under a legend, with the group's hint and inline error. */
export function Radios({ name, id: givenId, legend, hint, error, options, value, defaultValue, onChange }: RadiosProps) {
  const id = givenId ?? fieldId(name);
  return (
    <fieldset className={error ? 'fieldset field--invalid' : 'fieldset'} aria-describedby={describedBy(id, hint, error)} id={id}>
      <legend className="field__label">{legend}</legend>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="field__error" id={`${id}-error`}>{error}</p> : null}
      {options.map((option) => (
        <div className="checkbox" key={option.value}>
          <input
            type="radio"
            id={`${id}-${option.value}`}
            name={name}
            value={option.value}
            checked={value === undefined ? undefined : value === option.value}
            defaultChecked={defaultValue === undefined ? undefined : defaultValue === option.value}
            onChange={onChange ? () => onChange(option.value) : undefined}
            aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
          />
          <div className="checkbox__text">
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
            {option.hint ? <span className="field__hint" id={`${id}-${option.value}-hint`}>{option.hint}</span> : null}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
