import { Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ordersQuery, organizersQuery } from '../../api/queries';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import { orderValidity, seatUse, type SeatUse } from './seats';

const VALIDITY_COLOR = { active: 'teal.9', future: 'blue.8', expired: 'gray.7' } as const;

export default function OrdersPage() {
  const { t } = useTranslation();
  const orders = useQuery(ordersQuery());
  const organizers = useQuery(organizersQuery());
  return (
    <>
      <PageHeading title={t('orders.title')} description={t('orders.intro')} />
      <QueryState query={orders}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('orders.none')}</Text>
          ) : (
            <Stack gap="lg">
              {seatUse(list, organizers.data ?? []).map((s, i) => (
                <OrderCard key={s.order.id} seat={s} index={i + 1} seatsKnown={organizers.isSuccess} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}

function OrderCard({
  seat: { order: o, used, free },
  index,
  seatsKnown,
}: {
  seat: SeatUse;
  index: number;
  seatsKnown: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const validity = orderValidity(o);
  const headingId = `order-${o.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={headingId}>
          {t('orders.orderTitle', { n: index, from: f.date(o.validFrom), until: f.date(o.validUntil) })}
        </Title>
        <Badge color={VALIDITY_COLOR[validity]} variant="filled" radius="sm">
          {t(`orders.validity.${validity}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack gap="xs">
          <Text fw={600}>{t('orders.seats')}</Text>
          {seatsKnown ? (
            <>
              <Text>
                {t('orders.seatsUse', { used: f.number(used), total: f.number(o.seats), free: f.number(free) })}
              </Text>
              <Progress
                value={o.seats === 0 ? 0 : (used / o.seats) * 100}
                color={free === 0 ? 'red.9' : 'blue.8'}
                aria-label={t('orders.seatsBar', { used, total: o.seats })}
                size="lg"
              />
            </>
          ) : (
            <Text>{t('orders.seatsTotal', { total: f.number(o.seats) })}</Text>
          )}
        </Stack>
        <dl className="facts">
          <dt>{t('orders.attendeeLimit')}</dt>
          <dd>{f.number(o.attendeeLimit)}</dd>
          <dt>{t('orders.buffer')}</dt>
          <dd>
            {t('orders.bufferValue', {
              seats: f.number(o.bufferSeats),
              limit: f.number(o.attendeeLimit),
              percent: o.bufferPercent,
              free: f.number(o.attendeeLimit + o.bufferSeats),
            })}
          </dd>
          <dt>{t('orders.overageRate')}</dt>
          <dd>{t('orders.overageRateValue', { rate: f.money(o.overageRateCents) })}</dd>
          <dt>{t('orders.policy')}</dt>
          <dd>{t(`orders.policies.${o.overagePolicy}`, { seats: f.number(o.attendeeLimit + o.bufferSeats) })}</dd>
          <dt>{t('orders.cap')}</dt>
          <dd>
            {o.overagePolicy === 'block'
              ? t('orders.capNotApplicable')
              : o.overageCap === null
                ? t('orders.noCap')
                : t('orders.capValue', { cap: f.number(o.overageCap) })}
          </dd>
          <dt>{t('orders.validityLabel')}</dt>
          <dd>{t('orders.validityValue', { from: f.dateTime(o.validFrom), until: f.dateTime(o.validUntil) })}</dd>
        </dl>
      </SimpleGrid>
    </Card>
  );
}
