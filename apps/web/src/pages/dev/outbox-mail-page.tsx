import { Anchor, Button, Card, List, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import { linksIn, outboxMailQuery } from './outbox-api';

/** One caught mail: who, when, its links, the plain-text and HTML parts, and its attachments. */
export default function OutboxMailPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { mailId = '' } = useParams();
  const mail = useQuery(outboxMailQuery(mailId));
  return (
    <QueryState query={mail} notFound={t('outbox.mail')}>
      {(m) => (
        <>
          <PageHeading
            title={m.subject}
            description={t('outbox.meta', { from: m.from, to: m.to.join(', '), date: f.dateTime(m.date) })}
            actions={
              <Button component={Link} to="/console/outbox" variant="default">
                {t('outbox.back')}
              </Button>
            }
          />
          <Stack gap="lg">
            {linksIn(m.text).length ? (
              <Card withBorder component="section" aria-labelledby="outbox-links">
                <Title order={2} size="h4" id="outbox-links" mb="xs">
                  {t('outbox.links')}
                </Title>
                <List spacing={4}>
                  {linksIn(m.text).map((href) => (
                    <List.Item key={href}>
                      <Anchor href={href} style={{ wordBreak: 'break-all' }}>
                        {href}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </Card>
            ) : null}
            <Tabs defaultValue="text">
              <Tabs.List>
                <Tabs.Tab value="text">{t('outbox.text')}</Tabs.Tab>
                {m.html ? <Tabs.Tab value="html">{t('outbox.html')}</Tabs.Tab> : null}
              </Tabs.List>
              <Tabs.Panel value="text" pt="sm">
                <pre className="outbox-text">{m.text}</pre>
              </Tabs.Panel>
              {m.html ? (
                <Tabs.Panel value="html" pt="sm">
                  {/* sandbox without allow-scripts: the mail's HTML is shown, never run */}
                  <iframe title={t('outbox.htmlFrame')} sandbox="" srcDoc={m.html} className="outbox-html" />
                </Tabs.Panel>
              ) : null}
            </Tabs>
            <Card withBorder component="section" aria-labelledby="outbox-attachments">
              <Title order={2} size="h4" id="outbox-attachments" mb="xs">
                {t('outbox.attachments')}
              </Title>
              {m.attachments.length === 0 ? (
                <Text size="sm">{t('outbox.noAttachments')}</Text>
              ) : (
                <List spacing={4}>
                  {m.attachments.map((a) => (
                    <List.Item key={a.filename}>
                      {a.filename} ({a.contentType}, {f.number(a.size)} B)
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
          </Stack>
        </>
      )}
    </QueryState>
  );
}
