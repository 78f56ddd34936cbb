import { Alert, Badge, Button, Checkbox, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { formatDuration } from '../../format/duration';
import { useFormat } from '../../format/format';
import { currentLanguage } from '../../i18n/i18n';
import { PublicApiError, fetchPublicEvent, register, type PublicEvent } from './public-registration';

type Problems = { name?: string; email?: string; consent?: string };

// What a browser accepts as an address (the server checks again): something@something.something.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The public page behind an event's registration link: what the event is and when (in the visitor's zone and the
 * event's), and a form. The join link is never shown here: it goes to the address given, so only its owner has it.
 */
export default function RegisterPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const event = useQuery({
    queryKey: ['public-event', slug],
    queryFn: () => fetchPublicEvent(slug),
    retry: (n, e) => !(e instanceof PublicApiError) && n < 3,
    refetchOnWindowFocus: false,
  });
  if (event.isPending) return <Loading />;
  if (event.error) {
    const notFound = event.error instanceof PublicApiError && event.error.status === 404;
    return (
      <Container size="sm" px={0}>
        <PageHeading title={notFound ? t('register.notFound.title') : t('errors.title')} />
        <Alert color="red" variant="light" role="alert">
          {notFound ? t('register.notFound.body') : t('errors.network')}
        </Alert>
      </Container>
    );
  }
  return <EventRegistration slug={slug} event={event.data} />;
}

function EventRegistration({ slug, event }: { slug: string; event: PublicEvent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const sameZone = viewerZone === event.timeZone;
  return (
    <Container size="sm" px={0}>
      <PageHeading
        title={event.title}
        description={
          <Stack gap={4} component="span">
            <Text span>
              <Badge variant="light" color="gray" mr="xs" component="span">
                {t(`register.state.${event.state}`)}
              </Badge>
              {event.organizerName ? t('register.by', { name: event.organizerName }) : null}
            </Text>
          </Stack>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="lg" component="section" aria-labelledby="register-when">
          <Title order={2} size="h4" id="register-when" mb="xs">
            {t('register.when')}
          </Title>
          <dl className="facts">
            <dt>{sameZone ? t('register.time') : t('register.yourTime')}</dt>
            <dd>
              {f.dateTime(event.startsAt)} – {f.time(event.endsAt)} (
              {f.timeZoneName(viewerZone, new Date(event.startsAt))})
            </dd>
            {sameZone ? null : (
              <>
                <dt>{t('register.eventTime')}</dt>
                <dd>
                  {f.dateTime(event.startsAt, event.timeZone)} – {f.time(event.endsAt, event.timeZone)} (
                  {f.timeZoneName(event.timeZone, new Date(event.startsAt))})
                </dd>
              </>
            )}
            <dt>{t('register.duration')}</dt>
            <dd>{formatDuration(t, Date.parse(event.endsAt) - Date.parse(event.startsAt))}</dd>
          </dl>
          {event.description ? (
            <Text mt="sm" style={{ whiteSpace: 'pre-line' }}>
              {event.description}
            </Text>
          ) : null}
        </Paper>
        {event.state === 'cancelled' || event.state === 'ended' ? (
          <Alert color="gray" variant="light" role="status" title={t(`register.closed.${event.state}.title`)}>
            {t(`register.closed.${event.state}.body`)}
          </Alert>
        ) : (
          <RegistrationForm slug={slug} />
        )}
      </Stack>
    </Container>
  );
}

function RegistrationForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const send = useMutation({
    mutationFn: () => register(slug, { name: name.trim(), email: email.trim(), language: currentLanguage() }),
  });

  if (send.isSuccess) {
    return (
      <Paper withBorder p="lg" role="status" aria-labelledby="register-done">
        <Title order={2} size="h3" id="register-done" mb="sm">
          {t('register.done.title')}
        </Title>
        <Text>{t('register.done.body', { email: email.trim() })}</Text>
        <Text mt="xs" size="sm" c="dimmed">
          {t('register.done.hint')}
        </Text>
      </Paper>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p: Problems = {};
    if (!name.trim()) p.name = t('register.form.nameRequired');
    if (!EMAIL.test(email.trim())) p.email = t('register.form.emailInvalid');
    if (!consent) p.consent = t('register.form.consentRequired');
    setProblems(p);
    if (p.name || p.email || p.consent) return;
    send.mutate();
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="register-form">
      <Title order={2} size="h3" id="register-form" mb="sm">
        {t('register.form.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('register.form.name')}
            autoComplete="name"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={problems.name}
          />
          <TextInput
            label={t('register.form.email')}
            description={t('register.form.emailHint')}
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={problems.email}
          />
          <Checkbox
            label={t('register.form.consent')}
            checked={consent}
            onChange={(e) => setConsent(e.currentTarget.checked)}
            error={problems.consent}
          />
          {send.error ? <RegistrationRefused error={send.error} /> : null}
          <div>
            <Button type="submit" loading={send.isPending}>
              {t('register.form.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function RegistrationRefused({ error }: { error: Error }) {
  const { t } = useTranslation();
  let message = t('errors.network');
  if (error instanceof PublicApiError) {
    if (error.status === 429) {
      message = t('register.form.tooMany', {
        duration: formatDuration(t, Math.max(60, error.retryAfterS ?? 60) * 1000),
      });
    } else if (error.message) message = error.message;
  }
  return (
    <Alert color="red" variant="light" role="alert" title={t('register.form.refused')}>
      {message}
    </Alert>
  );
}
