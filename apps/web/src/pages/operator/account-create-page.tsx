import { Button, Fieldset, Group, NumberInput, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error';
import type { OnboardedAccount } from '../../api/console-types';
import { rawRequest } from '../../api/raw-request';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeading } from '../../components/page-heading';
import { useDraftState } from '../../forms/draft-storage';
import { PersonFields, usePersonProblems, type PersonValues } from '../../forms/person-fields';
import { DEFAULT_CURRENCY } from '../../format/format';
import { ATTENDEE_LIMIT_CEILING } from '#domain';
import {
  MAX_SEATS,
  checkOrderForm,
  orderRequestBody,
  type OrderField,
  type OrderFormValues,
} from './account-form-rules';

interface AccountDraft {
  accountName: string;
  admin: PersonValues;
  order: OrderFormValues;
}

function today(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export default function AccountCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const problemsOf = usePersonProblems();
  const { values, setValues, discard } = useDraftState<AccountDraft>('operator:account:new', () => ({
    accountName: '',
    admin: { name: '', email: '' },
    order: {
      seats: 3,
      attendeeLimit: 100,
      overageRate: 2,
      overagePolicy: 'bill',
      overageCap: '',
      validFrom: today(),
      validUntil: today(365),
    },
  }));
  const [password, setPassword] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [serverEmail, setServerEmail] = useState<string | undefined>();
  const nameRef = useRef<HTMLInputElement>(null);

  const adminProblems = problemsOf(values.admin, password, false);
  const orderProblems = checkOrderForm(values.order);
  const nameProblem = values.accountName.trim() === '' ? t('accountCreate.errors.nameRequired') : undefined;
  const orderError = (field: OrderField) => {
    const p = orderProblems[field];
    if (!p) return undefined;
    if (!showAll && p.key !== 'untilBeforeFrom' && p.key !== 'seatsRange' && p.key !== 'limitRange') return undefined;
    return t(`accountCreate.errors.${p.key}`, 'values' in p ? p.values : {});
  };
  const setOrder = (patch: Partial<OrderFormValues>) => setValues((v) => ({ ...v, order: { ...v.order, ...patch } }));
  const num = (v: string | number): number | '' => (v === '' ? '' : Number(v));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowAll(true);
    setError(null);
    setServerEmail(undefined);
    if (nameProblem || Object.keys(adminProblems).length > 0 || Object.keys(orderProblems).length > 0) {
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await rawRequest<OnboardedAccount>('POST', '/api/operator/accounts', {
        accountName: values.accountName.trim(),
        admin: { name: values.admin.name.trim(), email: values.admin.email.trim(), password },
        order: orderRequestBody(values.order),
        organizers: [],
      });
      discard();
      await queryClient.invalidateQueries({ queryKey: ['operator'] });
      notifications.show({
        color: 'green',
        message: t('accountCreate.created', { name: created.account.name, email: created.administrator.email }),
      });
      void navigate('/accounts');
    } catch (err) {
      if (isApiError(err) && (err.status === 409 || err.field?.includes('email'))) setServerEmail(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('accountCreate.title')} description={t('accountCreate.intro')} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="lg" maw={900}>
          {error ? <ApiErrorAlert error={error} /> : null}
          <Fieldset legend={t('accountCreate.account')}>
            <TextInput
              ref={nameRef}
              label={t('accountCreate.accountName')}
              required
              maxLength={200}
              value={values.accountName}
              onChange={(e) => {
                const accountName = e.currentTarget.value;
                setValues((v) => ({ ...v, accountName }));
              }}
              error={showAll ? nameProblem : undefined}
            />
          </Fieldset>
          <Fieldset legend={t('accountCreate.administrator')}>
            <Stack gap="xs">
              <Text size="sm">{t('accountCreate.administratorHelp')}</Text>
              <PersonFields
                idPrefix="new-admin"
                values={values.admin}
                password={password}
                onChange={(admin) => {
                  setServerEmail(undefined);
                  setValues((v) => ({ ...v, admin }));
                }}
                onPasswordChange={setPassword}
                problems={adminProblems}
                showAll={showAll}
                named={false}
                serverEmailError={serverEmail}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('accountCreate.order')}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                  label={t('accountCreate.seats')}
                  description={t('accountCreate.seatsHelp', { max: MAX_SEATS })}
                  required
                  min={1}
                  max={MAX_SEATS}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  value={values.order.seats}
                  onChange={(v) => setOrder({ seats: num(v) })}
                  error={orderError('seats')}
                />
                <NumberInput
                  label={t('accountCreate.attendeeLimit')}
                  description={t('accountCreate.attendeeLimitHelp', { max: ATTENDEE_LIMIT_CEILING })}
                  required
                  min={1}
                  max={ATTENDEE_LIMIT_CEILING}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  value={values.order.attendeeLimit}
                  onChange={(v) => setOrder({ attendeeLimit: num(v) })}
                  error={orderError('attendeeLimit')}
                />
                <NumberInput
                  label={t('accountCreate.overageRate', { currency: DEFAULT_CURRENCY })}
                  description={t('accountCreate.overageRateHelp')}
                  required
                  min={0}
                  decimalScale={2}
                  allowNegative={false}
                  value={values.order.overageRate}
                  onChange={(v) => setOrder({ overageRate: num(v) })}
                  error={orderError('overageRate')}
                />
              </SimpleGrid>
              <Radio.Group
                label={t('accountCreate.policy')}
                value={values.order.overagePolicy}
                onChange={(v) => setOrder({ overagePolicy: v })}
              >
                <Stack mt="xs" gap="xs">
                  <Radio value="bill" label={t('accountCreate.policyBill')} />
                  <Radio value="block" label={t('accountCreate.policyBlock')} />
                </Stack>
              </Radio.Group>
              {values.order.overagePolicy === 'bill' ? (
                <NumberInput
                  label={t('accountCreate.cap')}
                  description={t('accountCreate.capHelp')}
                  min={0}
                  allowDecimal={false}
                  allowNegative={false}
                  value={values.order.overageCap}
                  onChange={(v) => setOrder({ overageCap: num(v) })}
                  error={orderError('overageCap')}
                  maw={280}
                />
              ) : null}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  type="date"
                  label={t('accountCreate.validFrom')}
                  required
                  value={values.order.validFrom}
                  onChange={(e) => setOrder({ validFrom: e.currentTarget.value })}
                  error={orderError('validFrom')}
                />
                <TextInput
                  type="date"
                  label={t('accountCreate.validUntil')}
                  description={t('accountCreate.validUntilHelp')}
                  required
                  value={values.order.validUntil}
                  onChange={(e) => setOrder({ validUntil: e.currentTarget.value })}
                  error={orderError('validUntil')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Group>
            <Button type="submit" loading={busy}>
              {t('accountCreate.submit')}
            </Button>
            <Button component={Link} to="/accounts" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
