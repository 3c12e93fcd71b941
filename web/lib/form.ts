import { t } from '../i18n/index.ts';
import { ApiError } from './api.ts';

/** The message for one field when the error is about that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError && error.field === field ? error.message : undefined;
}

/** The id a form control with this name gets, so error summaries can link to it. */
export const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** Typed reads of a submitted form's values. */
export type FormReader = {
  text(name: string): string;
  checked(name: string): boolean;
  all(name: string): string[];
  /** The chosen file of a file input, or null when none was chosen. */
  file(name: string): File | null;
  /** A number, or a 400-style ApiError on the field when it is not one (so it shows like a server error). */
  number(name: string): number;
};

/** Reads a form's current values by control name. */
export function readForm(form: HTMLFormElement): FormReader {
  const data = new FormData(form);
  return {
    text: (name) => String(data.get(name) ?? ''),
    checked: (name) => data.get(name) !== null,
    all: (name) => data.getAll(name).map(String),
    file: (name) => {
      const value = data.get(name);
      return value instanceof File && value.size > 0 ? value : null;
    },
    number: (name) => {
      const raw = String(data.get(name) ?? '').trim().replace(',', '.');
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) throw new ApiError(400, 'form.not_a_number', t('forms.notANumber'), name);
      return value;
    },
  };
}
