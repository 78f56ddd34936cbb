import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { PageHeading } from '../../components/page-heading';

/** A page that failed to render or load (e.g. a new build replaced its chunk): say so and offer a reload. */
export default function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error('page failed', error);
  return (
    <Stack maw={640} p="lg">
      <PageHeading title={t('routeError.title')} />
      <Text>{t('routeError.body')}</Text>
      <div>
        <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
      </div>
    </Stack>
  );
}
