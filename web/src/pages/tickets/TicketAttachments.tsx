import {
  DownloadOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  FileZipOutlined,
  InboxOutlined,
  LockOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import { Alert, App, Checkbox, Card, Empty, Flex, Image, List, Skeleton, Space, Spin, Tag, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { listAttachments, uploadAttachment } from '../../api/client';
import type { Attachment } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useIsPhone } from '../../components/useIsPhone';
import { MAX_SIZE_TEXT, formatBytes, isImageType, tooLarge, uploadErrorText } from './attachments';

export const attachmentsKey = (ticketId: number) => ['ticket', ticketId, 'attachments'] as const;

function fileIcon(contentType: string): ReactNode {
  if (isImageType(contentType)) return <FileImageOutlined />;
  if (contentType === 'application/pdf') return <FilePdfOutlined />;
  if (contentType.startsWith('text/')) return <FileTextOutlined />;
  if (/zip|gzip|x-7z|x-rar|x-tar/.test(contentType)) return <FileZipOutlined />;
  return <FileOutlined />;
}

function Meta({ a }: { a: Attachment }) {
  const { i18n } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {formatBytes(a.size)}
      {a.uploadedBy ? ` · ${a.uploadedBy.name}` : ''} · {formatDateTime(a.createdAt, i18n.language)}
    </Typography.Text>
  );
}

function InternalTag() {
  const { t } = useTranslation();
  return (
    <Tag color="gold" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
      {t('attachments.internal')}
    </Tag>
  );
}

/** Pictures as thumbnails that open a full-size preview (arrow keys move between them). */
function ImageGrid({ items }: { items: Attachment[] }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const size = isPhone ? 84 : 104;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={12} data-testid="attachment-images">
        {items.map((a) => (
          <div key={a.id} style={{ width: size }} data-testid={`attachment-image-${a.id}`}>
            <Image
              src={a.url}
              alt={a.name}
              width={size}
              height={size}
              style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }}
              preview={{ mask: t('attachments.preview') }}
              data-testid="attachment-thumb"
            />
            <Typography.Link href={a.url} target="_blank" rel="noopener" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: size }} title={a.name}>
              {a.name}
            </Typography.Link>
            <Space size={4}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatBytes(a.size)}
              </Typography.Text>
              {a.internal && <LockOutlined style={{ color: '#d48806', fontSize: 12 }} aria-label={t('attachments.internal')} />}
            </Space>
          </div>
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

function FileList({ items }: { items: Attachment[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="attachment-files"
      renderItem={(a) => (
        <List.Item
          key={a.id}
          data-testid={`attachment-file-${a.id}`}
          actions={[
            <Typography.Link key="dl" href={a.url} download={a.name} aria-label={t('attachments.download', { name: a.name })}>
              <DownloadOutlined />
            </Typography.Link>,
          ]}
        >
          <List.Item.Meta
            avatar={<span style={{ fontSize: 20, color: '#8c8c8c' }}>{fileIcon(a.contentType)}</span>}
            title={
              <Space size={6} wrap>
                <Typography.Link href={a.url} target="_blank" rel="noopener" style={{ wordBreak: 'break-all' }}>
                  {a.name}
                </Typography.Link>
                {a.internal && <InternalTag />}
              </Space>
            }
            description={<Meta a={a} />}
          />
        </List.Item>
      )}
    />
  );
}

/**
 * 附件: the ticket's files — pictures previewed, everything else downloaded — and the drop zone
 * to add more. The server decides the type from the bytes and enforces the size limit; the
 * console checks the size first so a large file is not sent for nothing.
 */
export function TicketAttachments({ ticketId, canUpload, staff }: { ticketId: number; canUpload: boolean; staff: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [internal, setInternal] = useState(false);
  const [pending, setPending] = useState<{ uid: string; name: string }[]>([]);
  const [failures, setFailures] = useState<{ uid: string; text: string }[]>([]);
  const query = useQuery({ queryKey: attachmentsKey(ticketId), queryFn: () => listAttachments(ticketId) });

  const upload = useMutation({
    mutationFn: ({ file }: { file: File; uid: string }) => uploadAttachment(ticketId, file, { internal: staff && internal }),
    onMutate: ({ file, uid }) => setPending((p) => [...p, { uid, name: file.name }]),
    onSuccess: (a) => {
      message.success(t('attachments.uploaded', { name: a.name }));
      // the list, the timeline's attachment entry and the ticket's last activity
      void qc.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
    onError: (e, { file, uid }) => setFailures((f) => [...f, { uid, text: uploadErrorText(e, t, file.name) }]),
    onSettled: (_d, _e, { uid }) => setPending((p) => p.filter((x) => x.uid !== uid)),
  });

  const props: UploadProps = {
    multiple: true,
    showUploadList: false,
    beforeUpload: (file) => {
      if (tooLarge(file)) {
        setFailures((f) => [...f, { uid: file.uid, text: t('attachments.failed', { name: file.name, reason: t('attachments.tooLarge', { max: MAX_SIZE_TEXT }) }) }]);
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    customRequest: ({ file, onSuccess, onError }) => {
      const f = file as File & { uid: string };
      upload.mutateAsync({ file: f, uid: f.uid }).then(
        (a) => onSuccess?.(a),
        (e: unknown) => onError?.(e instanceof Error ? e : new Error(String(e))),
      );
    },
  };

  const items = query.data?.items ?? [];
  const images = items.filter((a) => isImageType(a.contentType));
  const files = items.filter((a) => !isImageType(a.contentType));

  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <PaperClipOutlined />
          {t('attachments.title')}
          {items.length > 0 && <Typography.Text type="secondary">({items.length})</Typography.Text>}
        </Space>
      }
      data-testid="ticket-attachments"
    >
      <Flex vertical gap={12}>
        <ErrorAlert error={query.error} style={{ marginBottom: 0 }} />
        {failures.map((f) => (
          <Alert
            key={f.uid}
            type="error"
            showIcon
            title={f.text}
            closable={{ onClose: () => setFailures((all) => all.filter((x) => x.uid !== f.uid)) }}
            data-testid="attachment-error"
          />
        ))}
        {query.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : items.length === 0 && pending.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.noFiles')} style={{ margin: 0 }} />
        ) : (
          <>
            {images.length > 0 && <ImageGrid items={images} />}
            {files.length > 0 && <FileList items={files} />}
          </>
        )}
        {pending.map((p) => (
          <Space key={p.uid} size={8} data-testid="attachment-uploading">
            <Spin size="small" />
            <Typography.Text type="secondary">{t('attachments.uploading', { name: p.name })}</Typography.Text>
          </Space>
        ))}
        {canUpload && (
          <div data-testid="attachment-upload">
            <Upload.Dragger {...props}>
              <Flex vertical align="center" gap={4} style={{ padding: isPhone ? 4 : 8 }}>
                <InboxOutlined style={{ fontSize: isPhone ? 24 : 32, color: '#1677ff' }} />
                <Typography.Text>{isPhone ? t('attachments.tapToUpload') : t('attachments.dropHint')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('attachments.limitHint', { max: MAX_SIZE_TEXT })}
                </Typography.Text>
              </Flex>
            </Upload.Dragger>
            {staff && (
              <Checkbox style={{ marginTop: 8 }} checked={internal} onChange={(e) => setInternal(e.target.checked)} data-testid="attachment-internal">
                {t('attachments.internalUpload')}
              </Checkbox>
            )}
          </div>
        )}
      </Flex>
    </Card>
  );
}
