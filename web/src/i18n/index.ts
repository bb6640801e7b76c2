import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';
import fieldEn from './features/field.en.json';
import fieldZh from './features/field.zh-CN.json';
import partsEn from './features/parts.en.json';
import partsZh from './features/parts.zh-CN.json';
import rmaEn from './features/rma.en.json';
import rmaZh from './features/rma.zh-CN.json';
import reportsEn from './features/reports.en.json';
import reportsZh from './features/reports.zh-CN.json';
import vendorsEn from './features/vendors.en.json';
import vendorsZh from './features/vendors.zh-CN.json';

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
    // Later features keep their strings in files of their own (features/), each under its own
    // top-level key, so the main files stay readable.
    resources: {
      en: { translation: { ...en, ...fieldEn, ...reportsEn, ...vendorsEn, ...partsEn, ...rmaEn } },
      'zh-CN': { translation: { ...zhCN, ...fieldZh, ...reportsZh, ...vendorsZh, ...partsZh, ...rmaZh } },
    },
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
