import { Alert, Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useFormat } from '../../format/format';
import { outboxQuery } from './outbox-api';

/**
 * The development outbox (operator only): every mail the embedded SMTP catcher kept, so a newcomer without a mail
 * server follows registration, reminders and the rest. With SMTP_URL set, mails really leave and the API says so.
 */
export default function OutboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const mails = useQuery(outboxQuery());
  return (
    <>
      <PageHeading title={t('outbox.title')} description={t('outbox.intro')} />
      {mails.isPending ? (
        <Loading />
      ) : mails.isError ? (
        isApiError(mails.error) && mails.error.status === 404 ? (
          <Alert color="gray" variant="light" role="status">
            {t('outbox.off')}
          </Alert>
        ) : (
          <ApiErrorAlert error={mails.error} />
        )
      ) : mails.data.length === 0 ? (
        <Text>{t('outbox.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Caption>{t('outbox.caption', { count: mails.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outbox.columns.date')}</Table.Th>
                <Table.Th>{t('outbox.columns.to')}</Table.Th>
                <Table.Th>{t('outbox.columns.subject')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mails.data.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{f.dateTime(m.date)}</Table.Td>
                  <Table.Td>{m.to.join(', ')}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/console/outbox/${encodeURIComponent(m.id)}`}>
                      {m.subject}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
