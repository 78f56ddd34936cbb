import { Progress, Stack, Text } from '@mantine/core';
import { useId } from 'react';

/**
 * A progressbar named by the sentence above it ("12.3 MB of 40 MB", "Transcoding: 45 %"): the bar's
 * aria-valuenow carries the percent, the sentence the figures.
 */
export function LabelledProgress({
  value,
  text,
  animated = false,
  compact = false,
}: {
  value: number;
  text: string;
  animated?: boolean;
  compact?: boolean;
}) {
  const labelId = useId();
  return (
    <Stack gap={4} miw={compact ? 140 : undefined}>
      <Text id={labelId} size="sm">
        {text}
      </Text>
      <Progress.Root size={compact ? 'md' : 'lg'}>
        <Progress.Section value={value} animated={animated} aria-labelledby={labelId} />
      </Progress.Root>
    </Stack>
  );
}
