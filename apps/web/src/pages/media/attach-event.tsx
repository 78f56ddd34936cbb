import { Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { attachMedia, mediaAssetQuery, type MediaAsset } from '../../api/media';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { OnDemandEventSelect, useOnDemandEvents } from './on-demand-event-select';

/** Which on-demand webcast plays this video (its newest ready video is what the webcast's viewers watch). */
export function AttachEvent({ asset }: { asset: MediaAsset }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const events = useOnDemandEvents();
  const [choice, setChoice] = useState(asset.eventId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = events.find((e) => e.id === asset.eventId);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await attachMedia(asset.id, choice || null);
      queryClient.setQueryData(mediaAssetQuery(asset.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['media'], exact: true });
      const title = events.find((e) => e.id === saved.eventId)?.title;
      notifications.show({
        color: 'green',
        message: title ? t('media.attach.attached', { title }) : t('media.attach.detached'),
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="media-attach-heading">
      <Title order={2} size="h4" id="media-attach-heading" mb="sm">
        {t('media.attach.heading')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          {current ? (
            <>
              {t('media.attach.current')}{' '}
              <Anchor component={Link} to={`/events/${current.id}`}>
                {current.title}
              </Anchor>
            </>
          ) : asset.eventId ? (
            t('media.attach.otherEvent')
          ) : (
            t('media.attach.none')
          )}
        </Text>
        <OnDemandEventSelect events={events} label={t('media.attach.event')} value={choice} onChange={setChoice} />
        {events.length === 0 ? <Text size="sm">{t('media.attach.noEvents')}</Text> : null}
        {error ? <ApiErrorAlert error={error} /> : null}
        <div>
          <Button onClick={() => void save()} loading={busy} disabled={choice === (asset.eventId ?? '')}>
            {t('media.attach.save')}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
