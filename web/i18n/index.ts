// Every string a person reads comes from a catalogue through `t`. A Welsh catalogue is one new
// file (cy.ts, typed as Catalogue so no key can be missed) and one line in CATALOGUES.
import { en } from './en.ts';

/** A message is a string, or plural forms chosen with Intl.PluralRules (Welsh has six). */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, Message>;
export type Locale = 'en';

const CATALOGUES: Record<Locale, { catalogue: Catalogue; tag: string }> = {
  en: { catalogue: en, tag: 'en-GB' },
};

let current: Locale = 'en';

/** The BCP 47 tag of the current language, for dates and numbers. */
export const localeTag = () => CATALOGUES[current].tag;

/** Switches the language of every later `t` call and of the page. */
export function setLocale(locale: Locale) {
  current = locale;
  document.documentElement.lang = CATALOGUES[locale].tag;
}

/** Whether the catalogue has a message for `key` (for optional per-error-code messages). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(CATALOGUES[current].catalogue, key);

type Params = Record<string, string | number>;

/** The message for `key` with `{name}` placeholders filled; `count` picks the plural form. */
export function t(key: MessageKey, params: Params = {}): string {
  const message = CATALOGUES[current].catalogue[key] ?? en[key];
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = typeof params.count === 'number' ? params.count : 0;
    const rule = new Intl.PluralRules(localeTag()).select(count);
    text = message[rule] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(localeTag()) : value;
  });
}

/** A date (ISO string) written the way people read it: "3 March 2026". */
export function formatDate(iso: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(localeTag(), options).format(date);
}

/** A date and time: "3 March 2026 at 14:05". */
export const formatDateTime = (iso: string) => formatDate(iso, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A number written the local way: 1,234. */
export const formatNumber = (value: number) => value.toLocaleString(localeTag());
