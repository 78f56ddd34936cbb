import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading';

export default function Page() {
  const { t } = useTranslation();
  return <PageHeading title={t('app.name')} />;
}
