import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UserFacingError, isApiError } from '../api/api-error';

/** A failed request in words: the server's own sentence when it gave one, else what went wrong in general. */
export function ApiErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const message = isApiError(error) || error instanceof UserFacingError ? error.message : t('errors.network');
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      {message}
    </Alert>
  );
}
