import 'i18next';
import type en from './locales/en';

// t('a.key') that is not in the English resources is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
    returnNull: false;
  }
}
