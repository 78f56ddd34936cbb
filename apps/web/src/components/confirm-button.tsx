import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from './api-error-alert';

/**
 * A button for an action that cannot be taken back: it opens a dialog that says what will happen, and only the
 * dialog's confirm button acts. A refusal from the server shows in the dialog.
 */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  keepLabel,
  onConfirm,
  color = 'red.9',
  variant = 'outline',
  size,
}: {
  label: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  keepLabel?: string;
  onConfirm: () => Promise<void>;
  color?: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color={color} variant={variant} size={size} onClick={open}>
        {label}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={title}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          {typeof body === 'string' ? <Text>{body}</Text> : body}
          {error ? <ApiErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {keepLabel ?? t('common.keep')}
            </Button>
            <Button color={color} loading={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
