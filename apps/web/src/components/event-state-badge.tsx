import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventState } from '../api/console-types';

// Colours dark enough for 4.5:1 (white on the filled ones, the colour itself on white for the outlined one); the
// word carries the meaning, the colour only helps.
const STYLE: Record<EventState, { color: string; variant: 'filled' | 'outline' }> = {
  scheduled: { color: 'blue.8', variant: 'filled' },
  live: { color: 'red.9', variant: 'filled' },
  ended: { color: 'gray.7', variant: 'filled' },
  cancelled: { color: 'gray.8', variant: 'outline' },
};

export function EventStateBadge({ state }: { state: EventState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STYLE[state].color} variant={STYLE[state].variant} radius="sm">
      {t(`eventState.${state}`)}
    </Badge>
  );
}
