import type { TFunction } from 'i18next';
import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UserFacingError, isApiError } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import type { OrganizerView, ReassignResult } from '../../api/console-types';
import { ordersQuery, organizersQuery } from '../../api/queries';
import { rawRequest } from '../../api/raw-request';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmButton } from '../../components/confirm-button';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useDraftState } from '../../forms/draft-storage';
import { PersonFields, usePersonProblems, type PersonValues } from '../../forms/person-fields';
import { useFormat } from '../../format/format';
import { seatUse, type SeatUse } from './seats';

export default function OrganizersPage() {
  const { t } = useTranslation();
  const organizers = useQuery(organizersQuery());
  const orders = useQuery(ordersQuery());
  return (
    <>
      <PageHeading title={t('organizers.title')} description={t('organizers.intro')} />
      <QueryState query={organizers}>
        {(list) => {
          const seats = seatUse(orders.data ?? [], list);
          return (
            <Stack gap="xl">
              <SeatSummary seats={seats} />
              <CreateOrganizer seats={seats} />
              <OrganizersTable organizers={list} seats={seats} />
            </Stack>
          );
        }}
      </QueryState>
    </>
  );
}

function SeatSummary({ seats }: { seats: SeatUse[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const used = seats.reduce((n, s) => n + s.used, 0);
  const total = seats.reduce((n, s) => n + s.order.seats, 0);
  return (
    <Text size="lg" aria-live="polite">
      {t('organizers.seatSummary', { used: f.number(used), total: f.number(total), free: f.number(total - used) })}
    </Text>
  );
}

const useInvalidateSeats = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['organizers'] });
};

function seatsFullText(t: TFunction, s: SeatUse): string {
  return t('organizers.seatsFull', { count: s.order.seats });
}

function CreateOrganizer({ seats }: { seats: SeatUse[] }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateSeats();
  const problemsOf = usePersonProblems();
  const { values, setValues, discard } = useDraftState<PersonValues & { orderId: string }>('organizer:new', () => ({
    name: '',
    email: '',
    orderId: '',
  }));
  const [password, setPassword] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverEmail, setServerEmail] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [seatRefusal, setSeatRefusal] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const seatAlert = useRef<HTMLDivElement>(null);

  const orderId = values.orderId || (seats.length === 1 ? seats[0].order.id : '');
  const chosen = seats.find((s) => s.order.id === orderId);
  const problems = problemsOf(values, password, true);
  const full = chosen && chosen.free === 0 ? seatsFullText(t, chosen) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowAll(true);
    setError(null);
    setServerEmail(undefined);
    setSeatRefusal(null);
    if (problems.name || problems.email || problems.password || !orderId) {
      firstField.current?.focus();
      return;
    }
    if (full) {
      setSeatRefusal(full);
      seatAlert.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await unwrap<OrganizerView>(
        api.POST('/api/organizers', {
          body: { name: values.name.trim(), email: values.email.trim(), password, orderId },
        }),
      );
      discard();
      setValues(() => ({ name: '', email: '', orderId: values.orderId }));
      setPassword('');
      setShowAll(false);
      await invalidate();
      notifications.show({ color: 'green', message: t('organizers.created', { name: created.name }) });
    } catch (err) {
      if (isApiError(err) && err.status === 409 && err.field === 'seats' && chosen) {
        setSeatRefusal(seatsFullText(t, chosen));
      } else if (isApiError(err) && err.field === 'email') setServerEmail(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="create-organizer">
      <Title order={2} size="h4" id="create-organizer" mb="sm">
        {t('organizers.createTitle')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('organizers.createHelp')}</Text>
          {full || seatRefusal ? (
            <Alert
              ref={seatAlert}
              tabIndex={-1}
              color={seatRefusal ? 'red' : 'yellow'}
              variant="light"
              role={seatRefusal ? 'alert' : 'status'}
              title={t('organizers.seatsFullTitle')}
            >
              {seatRefusal ?? full}
            </Alert>
          ) : null}
          {error ? <ApiErrorAlert error={error} /> : null}
          {seats.length > 1 ? (
            <Select
              label={t('organizers.order')}
              required
              data={seats.map((s) => ({
                value: s.order.id,
                label: t('organizers.orderOption', {
                  seats: s.order.seats,
                  free: s.free,
                  limit: s.order.attendeeLimit,
                }),
              }))}
              value={orderId || null}
              onChange={(v) => setValues((x) => ({ ...x, orderId: v ?? '' }))}
              error={showAll && !orderId ? t('organizers.orderRequired') : undefined}
            />
          ) : null}
          <PersonFields
            ref={firstField}
            idPrefix="new-organizer"
            values={values}
            password={password}
            onChange={(v) => {
              setServerEmail(undefined);
              setValues((x) => ({ ...x, ...v }));
            }}
            onPasswordChange={setPassword}
            problems={problems}
            showAll={showAll}
            named
            serverEmailError={serverEmail}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('organizers.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function OrganizersTable({ organizers, seats }: { organizers: OrganizerView[]; seats: SeatUse[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const invalidate = useInvalidateSeats();
  const sorted = [...organizers].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="organizers-list">
      <Title order={2} size="h4" id="organizers-list" mb="sm">
        {t('organizers.listTitle')}
      </Title>
      {sorted.length === 0 ? (
        <Text c="dimmed">{t('organizers.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-labelledby="organizers-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('person.name')}</Table.Th>
                <Table.Th>{t('person.email')}</Table.Th>
                <Table.Th>{t('organizers.status')}</Table.Th>
                <Table.Th>{t('organizers.since')}</Table.Th>
                <Table.Th>{t('organizers.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((o) => {
                const seat = seats.find((s) => s.order.id === o.orderId);
                return (
                  <Table.Tr key={o.id}>
                    <Table.Td>{o.name}</Table.Td>
                    <Table.Td>{o.email}</Table.Td>
                    <Table.Td>
                      <Badge color={o.active ? 'teal.9' : 'gray.7'} variant="filled" radius="sm">
                        {o.active ? t('organizers.active') : t('organizers.deactivated')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {o.active || !o.deactivatedAt
                        ? f.date(o.createdAt)
                        : t('organizers.deactivatedOn', { date: f.date(o.deactivatedAt) })}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {o.active ? (
                          <>
                            <ReassignSeat organizer={o} />
                            <ConfirmButton
                              size="xs"
                              label={t('organizers.deactivate')}
                              title={t('organizers.deactivateTitle', { name: o.name })}
                              body={t('organizers.deactivateBody', { name: o.name })}
                              confirmLabel={t('organizers.deactivateConfirm')}
                              onConfirm={async () => {
                                await unwrap<OrganizerView>(
                                  api.POST('/api/organizers/{id}/deactivate', { params: { path: { id: o.id } } }),
                                );
                                await invalidate();
                                notifications.show({
                                  color: 'green',
                                  message: t('organizers.deactivatedNotice', { name: o.name }),
                                });
                              }}
                            />
                          </>
                        ) : (
                          <ConfirmButton
                            size="xs"
                            color="blue.8"
                            label={t('organizers.reactivate')}
                            title={t('organizers.reactivateTitle', { name: o.name })}
                            body={
                              seat && seat.free === 0
                                ? `${t('organizers.reactivateBody', { name: o.name })} ${seatsFullText(t, seat)}`
                                : t('organizers.reactivateBody', { name: o.name })
                            }
                            confirmLabel={t('organizers.reactivateConfirm')}
                            onConfirm={async () => {
                              try {
                                await rawRequest<OrganizerView>(
                                  'POST',
                                  `/api/organizers/${encodeURIComponent(o.id)}/reactivate`,
                                );
                              } catch (err) {
                                // The server's sentence says which order and how many seats; keep it as the reason.
                                if (isApiError(err) && err.status === 409 && seat) {
                                  throw new UserFacingError(seatsFullText(t, seat));
                                }
                                throw err;
                              }
                              await invalidate();
                              notifications.show({
                                color: 'green',
                                message: t('organizers.reactivated', { name: o.name }),
                              });
                            }}
                          />
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

function ReassignSeat({ organizer }: { organizer: OrganizerView }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateSeats();
  const problemsOf = usePersonProblems();
  const [opened, { open, close }] = useDisclosure(false);
  const [values, setValues] = useState<PersonValues>({ name: '', email: '' });
  const [password, setPassword] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverEmail, setServerEmail] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const problems = problemsOf(values, password, true);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowAll(true);
    setError(null);
    if (problems.name || problems.email || problems.password) return;
    setBusy(true);
    try {
      const r = await unwrap<ReassignResult>(
        api.POST('/api/organizers/{id}/reassign', {
          params: { path: { id: organizer.id } },
          body: { name: values.name.trim(), email: values.email.trim(), password },
        }),
      );
      await invalidate();
      close();
      notifications.show({
        color: 'green',
        message: t('organizers.reassigned', { from: organizer.name, to: r.organizer.name, count: r.movedEvents }),
      });
    } catch (err) {
      if (isApiError(err) && err.field === 'email') setServerEmail(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        {t('organizers.reassign')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        size="lg"
        title={t('organizers.reassignTitle', { name: organizer.name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Text size="sm">{t('organizers.reassignHelp', { name: organizer.name })}</Text>
            {error ? <ApiErrorAlert error={error} /> : null}
            <PersonFields
              idPrefix={`reassign-${organizer.id}`}
              stacked
              values={values}
              password={password}
              onChange={(v) => {
                setServerEmail(undefined);
                setValues(v);
              }}
              onPasswordChange={setPassword}
              problems={problems}
              showAll={showAll}
              named
              serverEmailError={serverEmail}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('organizers.reassignConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
