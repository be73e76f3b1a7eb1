/**
 * The one vue-i18n instance. Messages are picked up from `locales/<lang>/<namespace>.ts`
 * automatically, so a feature adds a namespace by adding files (queue.ts, polls.ts, …) to every
 * locale directory; test/unit/i18n.test.ts checks that the six locales stay in step.
 */
import { createI18n } from 'vue-i18n';
import { LANGUAGES, RTL_LANGUAGES, type Language } from '../../shared/domain/common.js';

// Message trees are plain nested objects of strings; vue-i18n's own types are too narrow to build
// them dynamically, and the unit test checks their shape instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Messages = Record<string, any>;

const modules = import.meta.glob<{ default: Messages }>('./locales/*/*.ts', { eager: true });

/** Groups `./locales/<lang>/<ns>.ts` modules into `{ <lang>: { <ns>: … } }`. */
function collect(mods: Record<string, { default: Messages }>): Record<Language, Messages> {
  const out = Object.fromEntries(LANGUAGES.map((l) => [l, {} as Messages])) as Record<Language, Messages>;
  for (const [path, mod] of Object.entries(mods)) {
    const m = /\.\/locales\/([^/]+)\/([^/]+)\.ts$/.exec(path);
    if (!m) continue;
    const [, lang, ns] = m;
    if (isLanguage(lang) && ns) out[lang][ns] = mod.default;
  }
  return out;
}

/** Each language named in itself, for the language picker. */
export const ENDONYMS: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
};

/** BCP 47 tags handed to Intl for dates and numbers. */
export const INTL_LOCALE: Record<Language, string> = {
  ar: 'ar',
  zh: 'zh-Hans',
  en: 'en-GB',
  fr: 'fr',
  es: 'es',
  ru: 'ru',
};

/**
 * The plural forms a message may give, in the order they are written between `|` (CLDR categories).
 * A message with fewer forms uses its last one for the categories it left out.
 */
export const PLURAL_FORMS: Record<Language, readonly Intl.LDMLPluralRule[]> = {
  ar: ['zero', 'one', 'two', 'few', 'many', 'other'],
  zh: ['other'],
  en: ['one', 'other'],
  fr: ['one', 'other'],
  es: ['one', 'other'],
  ru: ['one', 'few', 'many', 'other'],
};

const pluralRules = new Map<Language, Intl.PluralRules>();

/**
 * Which of a message's `choices` forms fits `n` in `lang`, by Intl.PluralRules (vue-i18n's default
 * rule knows only English's one/other, which gives "1 голосов" and no Arabic dual).
 */
export function pluralIndex(lang: Language, n: number, choices: number): number {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(INTL_LOCALE[lang])));
  const forms = PLURAL_FORMS[lang];
  const i = forms.indexOf(rules.select(Math.abs(n)));
  // A category the list does not name (French "many" for millions) reads as "other", the last.
  return Math.min(i < 0 ? forms.length - 1 : i, choices - 1);
}

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: 'en' as string,
  fallbackLocale: 'en',
  messages: collect(modules),
  // `t(key, { n: formatted }, count)` picks the form by `count`; the message shows `{n}` as formatted.
  pluralRules: Object.fromEntries(LANGUAGES.map((l) => [l, (n: number, choices: number) => pluralIndex(l, n, choices)])),
  // A missing key falls back to English silently in production; the unit test is the guard.
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

const CHOICE_KEY = 'plenary:locale';

/** The language the person picked explicitly in this browser, if any. */
export function chosenLocale(): Language | null {
  try {
    const v = localStorage.getItem(CHOICE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** The best guess before we know the participant: an explicit choice, then the browser's languages. */
export function initialLocale(): Language {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  const chosen = chosenLocale();
  if (chosen) return chosen;
  for (const tag of navigator.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Switches the UI language and mirrors it on <html lang dir> so RTL layout follows. */
export function setLocale(lang: Language, opts: { remember?: boolean } = {}): void {
  i18n.global.locale.value = lang;
  const html = document.documentElement;
  html.lang = lang;
  html.dir = RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr';
  if (opts.remember) {
    try {
      localStorage.setItem(CHOICE_KEY, lang);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }
}

/** The current UI language. */
export function currentLocale(): Language {
  const l = i18n.global.locale.value;
  return isLanguage(l) ? l : 'en';
}
