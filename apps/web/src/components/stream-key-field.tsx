import { Button, CopyButton, Group, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { EventView } from '../api/console-types';
import { ConfirmButton } from './confirm-button';

/**
 * The stream key, hidden until asked (it alone lets someone broadcast as the organizer), with copy and rotation.
 * The event page and the green room both show it; a rotation refreshes every view of the event.
 */
export function StreamKeyField({
  eventId,
  streamKey,
  canRotate,
  onRotated,
}: {
  eventId: string;
  streamKey: string;
  canRotate: boolean;
  onRotated?: (saved: EventView) => Promise<void>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(false);
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <TextInput
        label={t('eventDetail.streamKey')}
        value={shown ? streamKey : '•'.repeat(Math.min(streamKey.length, 24))}
        readOnly
        style={{ flex: 1, minWidth: 200 }}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      <Button variant="default" aria-pressed={shown} onClick={() => setShown((v) => !v)}>
        {shown ? t('eventDetail.hideStreamKey') : t('eventDetail.showStreamKey')}
      </Button>
      <CopyButton value={streamKey} timeout={2000}>
        {({ copied, copy }) => (
          <Button variant="default" onClick={copy}>
            <span aria-live="polite">{copied ? t('common.copied') : t('eventDetail.copyStreamKey')}</span>
          </Button>
        )}
      </CopyButton>
      {canRotate ? (
        <ConfirmButton
          label={t('eventDetail.rotate')}
          title={t('eventDetail.rotateTitle')}
          body={t('eventDetail.rotateBody')}
          confirmLabel={t('eventDetail.rotateConfirm')}
          onConfirm={async () => {
            const saved = await unwrap<EventView>(
              api.POST('/api/events/{id}/stream-key', { params: { path: { id: eventId } } }),
            );
            await onRotated?.(saved);
            await queryClient.invalidateQueries({ queryKey: ['events', eventId] });
            notifications.show({ color: 'green', message: t('eventDetail.rotated') });
          }}
        />
      ) : null}
    </Group>
  );
}
