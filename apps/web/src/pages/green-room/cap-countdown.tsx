import { Alert, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capWarning } from '#domain';
import { formatClock } from './clock';

/**
 * Time left before the platform ends the webcast (actual start + 8 h), ticking each second; it turns into a
 * warning 15 minutes before and an urgent one 5 minutes before, announced to screen readers once each.
 */
export function CapCountdown({ cutoffAt, live }: { cutoffAt: string | null; live: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live || !cutoffAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live, cutoffAt]);
  if (!live || !cutoffAt) return null;
  const left = Math.max(0, Date.parse(cutoffAt) - now);
  const warning = capWarning(left);
  const clock = formatClock(left);
  if (warning === null) {
    return (
      <Text>
        {t('greenRoom.cap.left')} <strong>{clock}</strong>
      </Text>
    );
  }
  return (
    <Alert
      color={warning === 5 ? 'red' : 'orange'}
      variant="light"
      title={t(warning === 5 ? 'greenRoom.cap.warning5' : 'greenRoom.cap.warning15')}
    >
      {/* the ticking clock stays out of the live region: only the warning itself is announced */}
      <span role="status">{t('greenRoom.cap.endsAutomatically')}</span>{' '}
      <span>
        {t('greenRoom.cap.left')} <strong>{clock}</strong>
      </span>
    </Alert>
  );
}
