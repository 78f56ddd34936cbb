import { Card, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One panel of the green room: a region named by its heading, so screen readers can jump between them. */
export function GreenRoomCard({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
