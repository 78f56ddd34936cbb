import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { START_PAGE } from '../../auth/role';
import { useSession } from '../../auth/use-session';
import { PageHeading } from '../../components/page-heading';

/** 404: no page at this address, or a record (event, organizer) that does not exist or is not the user's. */
export default function NotFoundPage({ what }: { what?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const home = session ? START_PAGE[session.user.role] : '/';
  return (
    <Stack maw={640}>
      <PageHeading title={t('notFound.title')} />
      <Text>{what ?? t('notFound.body', { path: location.pathname })}</Text>
      <div>
        <Button component={Link} to={home}>
          {session ? t('notFound.backToConsole') : t('notFound.backHome')}
        </Button>
      </div>
    </Stack>
  );
}
