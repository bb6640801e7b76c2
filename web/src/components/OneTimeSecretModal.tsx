import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from './format';

interface Props {
  open: boolean;
  title: string;
  secret: string | null;
  /** A line under the secret, e.g. how to use an API token. */
  hint?: React.ReactNode;
  onClose: () => void;
}

/** Shows a password or token secret once; it cannot be shown again after closing. */
export function OneTimeSecretModal({ open, title, secret, hint, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (!secret) return;
    if (await copyText(secret)) message.success(t('common.copied'));
    else message.error(t('common.copyFailed'));
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-done">
          {t('secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('secret.onceWarning')} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Typography.Text
          code
          style={{
            flex: 1,
            fontSize: 16,
            padding: '4px 8px',
            display: 'flex',
            alignItems: 'center',
            wordBreak: 'break-all',
            margin: 0,
          }}
        >
          <span data-testid="one-time-password" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}>
            {secret}
          </span>
        </Typography.Text>
        <Button icon={<CopyOutlined />} onClick={copy} data-testid="one-time-copy">
          {t('common.copy')}
        </Button>
      </Space.Compact>
      {hint && <div style={{ marginTop: 12 }}>{hint}</div>}
    </Modal>
  );
}
