import { PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, identityProblem } from './identity-rule';

export interface PersonValues {
  name: string;
  email: string;
}

export interface PersonProblems {
  name?: string;
  email?: string;
  password?: string;
}

/** What is wrong with a new person's fields, in words; `named` applies the named-organizer identity rule. */
export function usePersonProblems() {
  const { t } = useTranslation();
  return (v: PersonValues, password: string, named: boolean): PersonProblems => {
    const p: PersonProblems = {};
    if (v.name.trim() === '') p.name = t('person.errors.nameRequired');
    const identity = identityProblem(v.email);
    if (identity === 'empty') p.email = t('person.errors.emailRequired');
    else if (identity === 'notAnEmail') p.email = t('person.errors.notAnEmail');
    else if (identity === 'generic' && named) p.email = t('person.errors.generic', { email: v.email.trim() });
    if (password.length < MIN_PASSWORD_LENGTH) {
      p.password = t('person.errors.passwordShort', { min: MIN_PASSWORD_LENGTH, length: password.length });
    }
    return p;
  };
}

/**
 * Name, email and initial password of a new person. Errors show as the person types (email: as soon as it has an
 * @), or all at once after a submit.
 */
export const PersonFields = forwardRef<
  HTMLInputElement,
  {
    idPrefix: string;
    values: PersonValues;
    password: string;
    onChange: (v: PersonValues) => void;
    onPasswordChange: (p: string) => void;
    problems: PersonProblems;
    showAll: boolean;
    named: boolean;
    serverEmailError?: string;
    /** One field under the other (in a dialog), and the first one focused when it opens. */
    stacked?: boolean;
  }
>(function PersonFields(
  { idPrefix, values, password, onChange, onPasswordChange, problems, showAll, named, serverEmailError, stacked },
  ref,
) {
  const { t } = useTranslation();
  const emailTyped = values.email.includes('@');
  return (
    <SimpleGrid cols={stacked ? 1 : { base: 1, sm: 3 }}>
      <TextInput
        ref={ref}
        id={`${idPrefix}-name`}
        data-autofocus={stacked ? true : undefined}
        label={t('person.name')}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => onChange({ ...values, name: e.currentTarget.value })}
        error={showAll ? problems.name : undefined}
      />
      <TextInput
        id={`${idPrefix}-email`}
        label={t('person.email')}
        description={named ? t('person.emailRule') : undefined}
        type="email"
        required
        autoComplete="off"
        value={values.email}
        onChange={(e) => onChange({ ...values, email: e.currentTarget.value })}
        error={serverEmailError ?? (showAll || emailTyped ? problems.email : undefined)}
      />
      <PasswordInput
        id={`${idPrefix}-password`}
        label={t('person.password')}
        description={t('person.passwordRule', { min: MIN_PASSWORD_LENGTH })}
        required
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPasswordChange(e.currentTarget.value)}
        error={showAll ? problems.password : undefined}
      />
    </SimpleGrid>
  );
});
