import { Button, Card, FileInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { uploadMedia, type UploadPhase } from '../../api/media';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { LabelledProgress } from './labelled-progress';
import { formatBytes } from './media-units';
import { OnDemandEventSelect, useOnDemandEvents } from './on-demand-event-select';

type Problems = { title?: string; file?: string };

/**
 * Title, file and an optional on-demand webcast; the file goes to object storage with a progress bar by bytes,
 * then the asset's page follows the transcode.
 */
export function UploadForm() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const events = useOnDemandEvents();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [eventId, setEventId] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p: Problems = {};
    if (title.trim() === '') p.title = t('media.upload.titleRequired');
    if (!file) p.file = t('media.upload.fileRequired');
    else if (file.size === 0) p.file = t('media.upload.fileEmpty');
    setProblems(p);
    if (p.title || p.file || !file) return;
    setError(null);
    abort.current = new AbortController();
    try {
      const asset = await uploadMedia(
        { title: title.trim(), file, eventId: eventId || null },
        setPhase,
        abort.current.signal,
      );
      await queryClient.invalidateQueries({ queryKey: ['media'] });
      void navigate(`/media/${asset.id}`);
    } catch (err) {
      if (abort.current.signal.aborted) return;
      setError(err);
      setPhase(null);
      await queryClient.invalidateQueries({ queryKey: ['media'] });
    }
  };

  const busy = phase !== null;
  return (
    <Card withBorder component="section" aria-labelledby="media-upload-heading" padding="lg">
      <Title order={2} size="h3" id="media-upload-heading" mb="sm">
        {t('media.upload.heading')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm" maw={560}>
          <TextInput
            label={t('media.upload.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={problems.title}
            required
            maxLength={200}
            disabled={busy}
          />
          <FileInput
            label={t('media.upload.file')}
            description={t('media.upload.fileHint')}
            placeholder={t('media.upload.filePlaceholder')}
            accept="video/*,audio/*"
            value={file}
            onChange={setFile}
            error={problems.file}
            required
            clearable
            disabled={busy}
          />
          <OnDemandEventSelect
            events={events}
            label={t('media.upload.event')}
            description={t('media.upload.eventHint')}
            value={eventId}
            onChange={setEventId}
            disabled={busy}
          />
          {phase ? (
            <LabelledProgress
              value={
                phase.progress.total > 0 ? Math.round((phase.progress.loaded / phase.progress.total) * 1000) / 10 : 0
              }
              text={t('media.upload.bytes', {
                loaded: formatBytes(locale, phase.progress.loaded),
                total: formatBytes(locale, phase.progress.total),
              })}
            />
          ) : null}
          {phase?.phase === 'confirming' ? (
            <Text size="sm" role="status">
              {t('media.upload.confirming')}
            </Text>
          ) : null}
          {error ? <ApiErrorAlert error={error} title={t('media.upload.failed')} /> : null}
          <div>
            <Button type="submit" loading={busy}>
              {t('media.upload.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
