import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, type Language } from '../i18n/i18n';

// Each language is named in itself, whatever the current one is.
const NATIVE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/** The header's language choice; i18next's detector remembers it in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('header.language')}
      size="sm"
      value={currentLanguage()}
      onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
      data={LANGUAGES.map((l) => ({ value: l, label: NATIVE_NAMES[l] }))}
    />
  );
}
