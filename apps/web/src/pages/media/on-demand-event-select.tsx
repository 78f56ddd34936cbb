import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EventView } from '../../api/console-types';
import { eventsQuery } from '../../api/queries';

/** The webcasts a video can be the on-demand content of: on-demand mode, not cancelled. */
export function useOnDemandEvents(): EventView[] {
  const events = useQuery(eventsQuery());
  return (events.data ?? [])
    .filter((e) => e.mode === 'on-demand' && e.state !== 'cancelled')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** A choice among those webcasts, or none (''). */
export function OnDemandEventSelect({
  events,
  label,
  description,
  value,
  onChange,
  disabled,
}: {
  events: EventView[];
  label: string;
  description?: string;
  value: string;
  onChange: (eventId: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t('media.upload.noEvent') },
        ...events.map((ev) => ({ value: ev.id, label: ev.title })),
      ]}
      disabled={disabled}
    />
  );
}
