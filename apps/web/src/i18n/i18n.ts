import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en';
import fr from './locales/fr';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Where the chosen language is remembered (the detector reads it first, then the browser's languages). */
export const LANGUAGE_STORAGE_KEY = 'console.language';

/** Logged on every key that neither locale has: the end-to-end tests fail on this line in the console. */
export const MISSING_KEY_MARKER = 'i18n: missing key';

export function currentLanguage(): Language {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return (LANGUAGES as readonly string[]).includes(lng) ? (lng as Language) : 'en';
}

// Registered before init, which already picks the language: the page's own language follows the chosen one
// (screen readers pronounce by it).
i18next.on('languageChanged', () => {
  document.documentElement.lang = currentLanguage();
});

// Both locales are small and bundled: switching language never waits on the network.
void i18next
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
    saveMissing: true,
    missingKeyHandler: (lngs, _ns, key) => console.error(`${MISSING_KEY_MARKER} "${key}" (${lngs.join(', ')})`),
    returnNull: false,
  });

export default i18next;
