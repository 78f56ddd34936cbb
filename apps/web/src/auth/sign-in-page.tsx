import { Alert, Button, Paper, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/api-error';
import { PageHeading } from '../components/page-heading';
import { START_PAGE } from './role';
import { sessionStore } from './session-store';
import { safeNext, signIn } from './sign-in';
import { useSession } from './use-session';

export default function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [expired] = useState(() => sessionStore.lastSignOut() === 'expired');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session && !busy) return <Navigate to={next ?? START_PAGE[session.user.role]} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email, password);
      const user = sessionStore.get()!.user;
      void navigate(next ?? START_PAGE[user.role], { replace: true });
    } catch (err) {
      if (isApiError(err) && err.status === 401) setError(t('signIn.wrongCredentials'));
      else if (isApiError(err) && err.status === 429) setError(t('signIn.tooManyAttempts'));
      else setError(t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={420} mx="auto" mt="xl">
      <PageHeading title={t('signIn.title')} />
      {expired ? (
        <Alert color="yellow" variant="light" role="status" title={t('signIn.expiredTitle')}>
          {t('signIn.expired')}
        </Alert>
      ) : null}
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {error ? (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            ) : null}
            <Button type="submit" loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
