import { Anchor, Button, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { START_PAGE } from '../../auth/role';
import { useSession } from '../../auth/use-session';
import { PageHeading } from '../../components/page-heading';

/** `/`: what this server is and where each person goes; a signed-in user goes straight to their start page. */
export default function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session) return <Navigate to={START_PAGE[session.user.role]} replace />;
  return (
    <Stack maw={900} mx="auto" gap="xl">
      <PageHeading title={t('home.title')} description={t('home.intro')} />
      <div>
        <Button component={Link} to="/sign-in" size="md">
          {t('home.signIn')}
        </Button>
      </div>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('home.organizersTitle')}
          </Title>
          <Text>{t('home.organizers')}</Text>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('home.administratorsTitle')}
          </Title>
          <Text>{t('home.administrators')}</Text>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('home.attendeesTitle')}
          </Title>
          <Text>{t('home.attendees')}</Text>
        </Card>
      </SimpleGrid>
      <section aria-labelledby="home-operators">
        <Title order={2} size="h4" id="home-operators" mb="xs">
          {t('home.operatorsTitle')}
        </Title>
        <List>
          <List.Item>
            <Anchor href="/docs">{t('home.apiDocs')}</Anchor>
          </List.Item>
          <List.Item>
            <Anchor href="/health">{t('home.health')}</Anchor>
          </List.Item>
          <List.Item>
            <Anchor href="/metrics">{t('home.metrics')}</Anchor>
          </List.Item>
        </List>
      </section>
    </Stack>
  );
}
