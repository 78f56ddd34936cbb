import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import type { EventView } from '../../api/console-types';
import { eventsQuery, myOrderQuery } from '../../api/queries';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDuration } from '../../format/duration';
import { useFormat } from '../../format/format';
import { MAX_EVENT_DURATION_MS } from '#domain';
import { supportedTimeZones } from '../../format/zoned-time';
import { useDraftState } from '../../forms/draft-storage';
import {
  checkEventForm,
  eventRequestBody,
  overlapFromServer,
  type EventField,
  type EventFormValues,
  type Problem,
} from './event-form-rules';

const TIME_ZONES = supportedTimeZones();
export const TIME_ZONE_STORAGE_KEY = 'console.timeZone';

interface ServerAnswer {
  fields: Partial<Record<EventField, string>>;
  overlap: { id: string; title: string } | null;
  general: unknown;
}

const NO_ANSWER: ServerAnswer = { fields: {}, overlap: null, general: null };

/** Schedule or edit a webcast: every rule explained next to its field while typing, the server's word after. */
export function EventForm({
  draftKey,
  initial,
  editing,
  submitLabel,
  cancelTo,
  save,
}: {
  draftKey: string;
  initial: () => EventFormValues;
  editing?: EventView;
  submitLabel: string;
  cancelTo: string;
  save: (body: ReturnType<typeof eventRequestBody>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const order = useQuery(myOrderQuery());
  const own = useQuery(eventsQuery());
  const { values, setValues, restored, discard } = useDraftState<EventFormValues>(draftKey, initial);
  const [touched, setTouched] = useState<Partial<Record<EventField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ServerAnswer>(NO_ANSWER);
  const refs = {
    title: useRef<HTMLInputElement>(null),
    startsAt: useRef<HTMLInputElement>(null),
    endsAt: useRef<HTMLInputElement>(null),
    attendeeLimit: useRef<HTMLInputElement>(null),
  };

  const check = useMemo(
    () => checkEventForm(values, { order: order.data ?? null, ownEvents: own.data ?? [], editingId: editing?.id }),
    [values, order.data, own.data, editing?.id],
  );

  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (key in refs) setTouched((s) => ({ ...s, [key]: true }));
    setAnswer(NO_ANSWER);
  };

  const problemText = (p: Problem): string => {
    const values = { ...p.values };
    if (p.key === 'outsideOrder') {
      values.from = f.date(String(values.from));
      values.until = f.date(String(values.until));
    }
    return t(`eventForm.errors.${p.key}`, values);
  };

  const errorOf = (field: EventField): string | undefined => {
    if (answer.fields[field]) return answer.fields[field];
    const p = check.problems[field];
    if (!p) return undefined;
    // The end's rules show as soon as both times are there; the others once the field was used or on submit.
    const shown = submitted || touched[field] || (field === 'endsAt' && touched.startsAt && touched.endsAt);
    if (!shown) return undefined;
    if (p.key === 'tooLong' && check.durationMs !== null) {
      return t('eventForm.errors.tooLong', {
        duration: formatDuration(t, check.durationMs),
        hours: MAX_EVENT_DURATION_MS / 3_600_000,
      });
    }
    return problemText(p);
  };

  const windowTouched = submitted || (touched.startsAt && touched.endsAt);
  const inlineOverlap = windowTouched && !check.problems.endsAt ? check.overlap : null;
  const overlap = answer.overlap ?? (inlineOverlap ? { id: inlineOverlap.id, title: inlineOverlap.title } : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const firstBad = (['title', 'startsAt', 'endsAt', 'attendeeLimit'] as const).find((k) => check.problems[k]);
    if (firstBad) {
      refs[firstBad].current?.focus();
      return;
    }
    if (check.overlap || !check.window) {
      refs.startsAt.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await save(eventRequestBody(values, check.window));
      discard();
    } catch (err) {
      setAnswer(serverAnswer(err));
    } finally {
      setBusy(false);
    }
  };

  const latestEnd = check.window
    ? f.dateTime(new Date(check.window.startsAt.getTime() + MAX_EVENT_DURATION_MS).toISOString(), values.timeZone)
    : null;
  const zoneLabel = f.timeZoneName(values.timeZone, check.window?.startsAt);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby="event-form-rules">
      <Stack gap="md" maw={760}>
        <Text id="event-form-rules" size="sm" c="dimmed">
          {t('eventForm.rules', { hours: MAX_EVENT_DURATION_MS / 3_600_000 })}
        </Text>
        {restored ? (
          <Alert color="blue" variant="light" role="status">
            {t('eventForm.draftRestored')}
          </Alert>
        ) : null}
        {answer.general ? <ApiErrorAlert error={answer.general} /> : null}
        {order.error ? <ApiErrorAlert error={order.error} title={t('eventForm.orderUnavailable')} /> : null}
        <TextInput
          ref={refs.title}
          label={t('eventForm.title')}
          required
          maxLength={200}
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          onBlur={() => setTouched((s) => ({ ...s, title: true }))}
          error={errorOf('title')}
        />
        <Textarea
          label={t('eventForm.description')}
          autosize
          minRows={3}
          maxLength={5000}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
        />
        <Radio.Group label={t('eventForm.mode')} value={values.mode} onChange={(v) => set('mode', v)}>
          <Group mt="xs" gap="xl">
            <Radio value="live" label={t('eventForm.modeLive')} />
            <Radio value="on-demand" label={t('eventForm.modeOnDemand')} />
          </Group>
        </Radio.Group>
        {values.mode === 'on-demand' ? (
          <Checkbox
            label={t('eventForm.playAsLive')}
            description={t('eventForm.playAsLiveHelp')}
            checked={values.playAsLive === true}
            onChange={(e) => set('playAsLive', e.currentTarget.checked)}
          />
        ) : null}
        <Select
          label={t('eventForm.timeZone')}
          description={t('eventForm.timeZoneHelp', { zone: zoneLabel })}
          data={TIME_ZONES}
          searchable
          selectFirstOptionOnChange
          allowDeselect={false}
          nothingFoundMessage={t('eventForm.noTimeZone')}
          value={values.timeZone}
          onChange={(v) => {
            if (!v) return;
            set('timeZone', v);
            localStorage.setItem(TIME_ZONE_STORAGE_KEY, v);
          }}
          maxDropdownHeight={280}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            ref={refs.startsAt}
            type="datetime-local"
            label={t('eventForm.startsAt')}
            description={zoneLabel}
            required
            value={values.startsAt}
            onChange={(e) => set('startsAt', e.currentTarget.value)}
            error={errorOf('startsAt')}
          />
          <TextInput
            ref={refs.endsAt}
            type="datetime-local"
            label={t('eventForm.endsAt')}
            description={
              latestEnd
                ? t('eventForm.endLimitUntil', { hours: MAX_EVENT_DURATION_MS / 3_600_000, latest: latestEnd })
                : t('eventForm.endLimit', { hours: MAX_EVENT_DURATION_MS / 3_600_000 })
            }
            required
            value={values.endsAt}
            onChange={(e) => set('endsAt', e.currentTarget.value)}
            error={errorOf('endsAt')}
          />
        </SimpleGrid>
        <Text size="sm" aria-live="polite">
          {check.durationMs !== null && check.durationMs > 0
            ? t('eventForm.duration', { duration: formatDuration(t, check.durationMs) })
            : ''}
        </Text>
        {overlap ? (
          <OverlapAlert id={overlap.id} title={overlap.title} other={own.data?.find((x) => x.id === overlap.id)} />
        ) : null}
        <NumberInput
          ref={refs.attendeeLimit}
          label={t('eventForm.attendeeLimit')}
          description={
            order.data
              ? t('eventForm.attendeeLimitHelp', { limit: f.number(order.data.attendeeLimit) })
              : t('eventForm.attendeeLimitHelpNoOrder')
          }
          min={1}
          max={order.data?.attendeeLimit}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          value={values.attendeeLimit}
          onChange={(v) => set('attendeeLimit', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
          error={errorOf('attendeeLimit')}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          <Button component={Link} to={cancelTo} variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OverlapAlert({ id, title, other }: { id: string; title: string; other?: EventView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const link: ReactNode = (
    <Anchor component={Link} to={`/events/${id}`}>
      {title}
    </Anchor>
  );
  return (
    <Alert color="red" variant="light" role="alert" title={t('eventForm.overlapTitle')}>
      {other ? (
        <Trans
          i18nKey="eventForm.overlapWhen"
          values={{ title, when: `${f.dateTime(other.startsAt)} – ${f.time(other.endsAt)}` }}
          components={{ event: link }}
        />
      ) : (
        <Trans i18nKey="eventForm.overlap" values={{ title }} components={{ event: link }} />
      )}
    </Alert>
  );
}

function serverAnswer(err: unknown): ServerAnswer {
  if (!isApiError(err)) return { ...NO_ANSWER, general: err };
  if (err.status === 409) {
    const other = overlapFromServer(err.message);
    if (other) return { ...NO_ANSWER, overlap: other };
  }
  const field = err.field;
  if (
    err.status === 400 &&
    (field === 'title' || field === 'startsAt' || field === 'endsAt' || field === 'attendeeLimit')
  ) {
    return { ...NO_ANSWER, fields: { [field]: err.message } };
  }
  return { ...NO_ANSWER, general: err };
}
