import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventState } from '../api/console-types';

// Filled colours dark enough for white text at 4.5:1; the word carries the meaning, the colour only helps.
const COLOR: Record<EventState, string> = {
  scheduled: 'blue.8',
  live: 'red.8',
  ended: 'gray.7',
  cancelled: 'orange.9',
};

export function EventStateBadge({ state }: { state: EventState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[state]} variant="filled" radius="sm">
      {t(`eventState.${state}`)}
    </Badge>
  );
}
