import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventView, OrganizerView } from '../../api/console-types';
import { eventsQuery, organizersQuery } from '../../api/queries';
import { useSession } from '../../auth/use-session';
import { EventStateBadge } from '../../components/event-state-badge';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { formatDuration } from '../../format/duration';
import { useFormat } from '../../format/format';

type Section = 'live' | 'upcoming' | 'past';

/** Live now: live; upcoming: scheduled and not over; past: ended, cancelled, or scheduled and never held. */
export function sectionOf(e: EventView, now: number): Section {
  if (e.state === 'live') return 'live';
  if (e.state === 'scheduled' && Date.parse(e.endsAt) > now) return 'upcoming';
  return 'past';
}

export default function EventsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const isOrganizer = session?.user.role === 'organizer';
  const events = useQuery(eventsQuery());
  const organizers = useQuery({ ...organizersQuery(), enabled: session?.user.role === 'admin' });
  return (
    <>
      <PageHeading
        title={isOrganizer ? t('events.titleOrganizer') : t('events.titleAdmin')}
        actions={
          isOrganizer ? (
            <Button component={Link} to="/events/new">
              {t('events.schedule')}
            </Button>
          ) : null
        }
      />
      <QueryState query={events}>
        {(list) => {
          const now = Date.now();
          const by = (s: Section) => list.filter((e) => sectionOf(e, now) === s);
          const upcoming = by('upcoming').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
          const past = by('past').sort((a, b) => b.startsAt.localeCompare(a.startsAt));
          return (
            <Stack gap="xl">
              <EventsSection id="live" title={t('events.liveNow')} events={by('live')} organizers={organizers.data} />
              <EventsSection
                id="upcoming"
                title={t('events.upcoming')}
                events={upcoming}
                organizers={organizers.data}
              />
              <EventsSection id="past" title={t('events.past')} events={past} organizers={organizers.data} />
            </Stack>
          );
        }}
      </QueryState>
    </>
  );
}

function EventsSection({
  id,
  title,
  events,
  organizers,
}: {
  id: string;
  title: string;
  events: EventView[];
  organizers?: OrganizerView[];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `events-${id}`;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="sm">
        {title}{' '}
        <Text span c="dimmed" size="lg">
          ({f.number(events.length)})
        </Text>
      </Title>
      {events.length === 0 ? (
        <Text c="dimmed">{t(`events.none.${id as Section}`)}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-labelledby={headingId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.columns.title')}</Table.Th>
                <Table.Th>{t('events.columns.state')}</Table.Th>
                <Table.Th>{t('events.columns.starts')}</Table.Th>
                <Table.Th>{t('events.columns.duration')}</Table.Th>
                <Table.Th>{t('events.columns.mode')}</Table.Th>
                {organizers ? <Table.Th>{t('events.columns.organizer')}</Table.Th> : null}
                <Table.Th ta="right">{t('events.columns.limit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/events/${e.id}`}>
                      {e.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <EventStateBadge state={e.state} />
                  </Table.Td>
                  <Table.Td>{f.dateTime(e.startsAt)}</Table.Td>
                  <Table.Td>{formatDuration(t, Date.parse(e.endsAt) - Date.parse(e.startsAt))}</Table.Td>
                  <Table.Td>{t(`eventMode.${e.mode}`)}</Table.Td>
                  {organizers ? (
                    <Table.Td>{organizers.find((o) => o.id === e.organizerId)?.name ?? '—'}</Table.Td>
                  ) : null}
                  <Table.Td ta="right">{f.number(e.attendeeLimit)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
