import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/format';
import { capacitySegments, type CapacityFigures } from './capacity-segments';

const TIER_COLOR = { included: 'blue.8', buffer: 'teal.9', overage: 'orange.9' } as const;

export interface CapacityGaugeProps extends CapacityFigures {
  viewers: number;
  waiting: number;
}

/**
 * Seats in use against the order, as the admission ledger counts them now: included, free buffer, billable
 * overage. The console's report page (live events) and the presenter's green room show it; GET
 * /api/events/:id/capacity gives its figures (`useCapacity`).
 */
export function CapacityGauge(props: CapacityGaugeProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const segments = capacitySegments(props);
  return (
    <Stack gap="xs">
      <Group gap="xl">
        <Text>
          <Text span fw={700}>
            {f.number(props.viewers)}
          </Text>{' '}
          {t('capacity.viewers', { count: props.viewers })}
        </Text>
        <Text>
          <Text span fw={700}>
            {f.number(props.waiting)}
          </Text>{' '}
          {t('capacity.waiting', { count: props.waiting })}
        </Text>
      </Group>
      <Progress.Root size="xl" aria-hidden>
        {segments.map((s) => (
          <Progress.Section key={s.tier} value={s.percent} color={TIER_COLOR[s.tier]} />
        ))}
      </Progress.Root>
      <Group gap="lg" component="ul" className="capacity-legend" role="list" aria-label={t('capacity.label')}>
        {segments.map((s) => (
          <li key={s.tier}>
            <span className={`capacity-legend__swatch capacity-legend__swatch--${s.tier}`} aria-hidden />
            {s.capacity === null
              ? t(`capacity.tierUncapped.${s.tier}`, { inUse: f.number(s.inUse) })
              : t(`capacity.tier.${s.tier}`, { inUse: f.number(s.inUse), capacity: f.number(s.capacity) })}
          </li>
        ))}
      </Group>
    </Stack>
  );
}
