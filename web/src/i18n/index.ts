import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANG_STORAGE_KEY = 'weibao.lang';

/** Maps whatever the browser says (zh, zh-TW, en-GB…) onto the two languages we ship. */
function normalise(lng: string): string {
  const l = lng.toLowerCase();
  if (l.startsWith('zh')) return 'zh-CN';
  if (l.startsWith('en')) return 'en';
  return lng;
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'zh-CN',
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANG_STORAGE_KEY,
      // Only an explicit choice is remembered (see setLanguage), so a saved profile language can
      // still apply on a browser where the user never chose one.
      caches: [],
      convertDetectedLanguage: normalise,
    },
  });

/** The language the UI currently shows. */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return lng === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI language and remembers the choice in this browser. */
export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lng);
}

/** True when the user picked a language in this browser (it then wins over the profile). */
export function hasChosenLanguage(): boolean {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

export default i18n;
