import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "2 days 03:04:05" / "03:04:05" / "04:05": the time to the start, read by screen readers once a minute at most. */
export function countdownText(seconds: number, days: (n: number) => string): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = d > 0 || h > 0 ? `${two(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  return d > 0 ? `${days(d)} ${clock}` : clock;
}

export function Countdown({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const text = countdownText(seconds, (count) => t('join.countdown.days', { count }));
  return (
    <Text size="xl" fw={700} data-countdown={seconds}>
      {t('join.notStarted.countdown', { countdown: text })}
    </Text>
  );
}
