import { Paper, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatPanel, type ChatView } from './chat-panel';
import { QaPanel, type QaView } from './qa-panel';

/** Chat and Q&A of the live phase, one tab each (arrow keys move between the tabs); the chat first. */
export function EngagementPanel({ engagement }: { engagement: ChatView & QaView }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('chat');
  const open = engagement.questions.filter((q) => q.status !== 'dismissed').length;
  return (
    <Tabs value={tab} onChange={setTab} className="engagement-panel">
      <Tabs.List grow mb="xs">
        <Tabs.Tab value="chat">{t('join.chat.title')}</Tabs.Tab>
        <Tabs.Tab value="qa">{open > 0 ? t('join.qa.tabCount', { count: open }) : t('join.qa.tab')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="chat">
        <ChatPanel chat={engagement} />
      </Tabs.Panel>
      <Tabs.Panel value="qa">
        <Paper withBorder p="sm" component="section" aria-labelledby="join-qa-title">
          <Title order={2} size="h4" id="join-qa-title" mb="xs">
            {t('join.qa.tab')}
          </Title>
          <QaPanel qa={engagement} />
        </Paper>
      </Tabs.Panel>
    </Tabs>
  );
}
