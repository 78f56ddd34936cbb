import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { START_PAGE } from '../../auth/role';
import { useSession } from '../../auth/use-session';
import { PageHeading } from '../../components/page-heading';

/** 403: signed in, but this page or record belongs to another role or person. */
export default function ForbiddenPage() {
  const { t } = useTranslation();
  const session = useSession();
  const home = session ? START_PAGE[session.user.role] : '/';
  return (
    <Stack maw={640}>
      <PageHeading title={t('forbidden.title')} />
      <Text>
        {session ? t('forbidden.body', { role: t(`roles.${session.user.role}`) }) : t('forbidden.bodySignedOut')}
      </Text>
      <div>
        <Button component={Link} to={home}>
          {t('forbidden.back')}
        </Button>
      </div>
    </Stack>
  );
}
