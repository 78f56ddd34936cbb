import { Anchor, AppShell, Badge, Burger, Button, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { sessionStore } from '../auth/session-store';
import { useSession } from '../auth/use-session';
import { LanguageSwitch } from '../components/language-switch';
import { CONSOLE_ROUTES } from './console-routes';

/** Every page's frame: header (name, language, who is signed in), navigation for the signed-in role, content. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const location = useLocation();
  const role = session?.user.role;
  const nav = role ? CONSOLE_ROUTES.filter((r) => r.nav && r.roles.includes(role)) : [];

  const signOut = () => {
    sessionStore.end('signed-out');
    void navigate('/sign-in');
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={nav.length > 0 ? { width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="lg"
    >
      <a className="skip-link" href="#main">
        {t('header.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {nav.length > 0 ? (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('header.closeNavigation') : t('header.openNavigation')}
              />
            ) : null}
            <Anchor
              component={Link}
              to="/"
              underline="never"
              c="inherit"
              fw={700}
              size="lg"
              visibleFrom={session ? 'xs' : undefined}
              style={{ whiteSpace: 'nowrap' }}
            >
              {t('app.name')}
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {session ? (
              <>
                <Group gap={6} visibleFrom="sm" wrap="nowrap">
                  <Text size="sm">{session.user.name}</Text>
                  <Badge variant="light" color="gray">
                    {t(`roles.${session.user.role}`)}
                  </Badge>
                </Group>
                <Button variant="default" size="sm" onClick={signOut}>
                  {t('header.signOut')}
                </Button>
              </>
            ) : location.pathname !== '/sign-in' &&
              !location.pathname.startsWith('/join/') &&
              !location.pathname.startsWith('/register/') ? (
              <Button component={Link} to="/sign-in" size="sm">
                {t('header.signIn')}
              </Button>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>
      {nav.length > 0 ? (
        <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
          <VisuallyHidden component="h2">{t('nav.label')}</VisuallyHidden>
          {nav.map((r) => (
            <NavLink
              key={r.path}
              component={RouterNavLink}
              to={`/${r.path}`}
              label={t(r.nav!)}
              variant="filled"
              onClick={close}
            />
          ))}
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
