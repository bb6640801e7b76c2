import { CameraOutlined, CloseOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Image, Input, List, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../../api/client';
import { addVisitLog, type DispatchDetail, type VisitLog as VisitLogEntry } from '../../api/field';
import { errorText } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { MAX_SIZE_TEXT, attachmentUrl, isImageType, tooLarge, uploadErrorText } from '../tickets/attachments';
import { visitKey } from './ServiceFormSection';

/** A photo the ticket refused, in the attachment card's words. */
class UploadFailed extends Error {}

function LogEntry({ entry }: { entry: VisitLogEntry }) {
  const { i18n } = useTranslation();
  const a = entry.attachment;
  return (
    <List.Item key={entry.id} data-testid={`log-${entry.id}`}>
      <Flex gap={12} align="flex-start" style={{ width: '100%' }}>
        {a && isImageType(a.contentType) && (
          <Image src={attachmentUrl(a.id)} alt={a.name} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6, flex: 'none' }} data-testid="log-thumb" />
        )}
        <div style={{ minWidth: 0, flex: 1 }}>
          {entry.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 }}>{entry.body}</Typography.Paragraph>}
          {a && !isImageType(a.contentType) && (
            <Typography.Link href={attachmentUrl(a.id)} target="_blank" rel="noopener">
              {a.name}
            </Typography.Link>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {entry.authorName} · {formatDateTime(entry.at, i18n.language)}
          </Typography.Text>
        </div>
      </Flex>
    </List.Item>
  );
}

/**
 * 工作记录: what the engineer did on site, as text and photos. A photo is uploaded to the ticket as
 * an internal attachment first (the work log is the provider's), then logged with its id.
 */
export function VisitLog({ visit, canRecord }: { visit: DispatchDetail; canRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    if (!photo) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const mutation = useMutation({
    mutationFn: async () => {
      let attachmentId: number | undefined;
      if (photo) {
        try {
          attachmentId = (await uploadAttachment(visit.ticketId, photo, { internal: true })).id;
        } catch (e) {
          throw new UploadFailed(uploadErrorText(e, t, photo.name));
        }
      }
      return addVisitLog(visit.id, { ...(text.trim() ? { body: text.trim() } : {}), ...(attachmentId ? { attachmentId } : {}) });
    },
    onMutate: () => setProblem(null),
    onSuccess: (detail) => {
      qc.setQueryData(visitKey(visit.id), detail);
      void qc.invalidateQueries({ queryKey: ['ticket', visit.ticketId] });
      setText('');
      setPhoto(null);
      if (fileInput.current) fileInput.current.value = '';
      message.success(t('field.log.added'));
    },
  });

  const pick = (file: File | undefined) => {
    if (!file) return;
    if (tooLarge(file)) {
      setProblem(t('attachments.failed', { name: file.name, reason: t('attachments.tooLarge', { max: MAX_SIZE_TEXT }) }));
      return;
    }
    setProblem(null);
    setPhoto(file);
  };
  const canSend = (!!text.trim() || !!photo) && visit.state !== 'cancelled';
  const failure = problem ?? (mutation.error instanceof UploadFailed ? mutation.error.message : mutation.error ? errorText(mutation.error, t) : null);

  return (
    <Card size="small" title={t('field.log.title')} data-testid="visit-log">
      <Flex vertical gap={12}>
        {canRecord && visit.state !== 'cancelled' && (
          <Flex vertical gap={8}>
            {failure && <Alert type="error" showIcon title={failure} data-testid="log-error" />}
            <Input.TextArea
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={10_000}
              placeholder={t('field.log.placeholder')}
              data-testid="log-text"
            />
            <input
              ref={fileInput}
              type="file"
              accept="image/*"
              capture="environment"
              style={{ display: 'none' }}
              onChange={(e) => pick(e.target.files?.[0])}
              data-testid="log-photo"
            />
            {preview && photo && (
              <Flex gap={8} align="center" data-testid="log-photo-preview">
                <img src={preview} alt={photo.name} style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 6 }} />
                <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
                  {photo.name}
                </Typography.Text>
                <Button
                  type="text"
                  icon={<CloseOutlined />}
                  aria-label={t('field.log.removePhoto')}
                  onClick={() => {
                    setPhoto(null);
                    if (fileInput.current) fileInput.current.value = '';
                  }}
                />
              </Flex>
            )}
            <Flex gap={8}>
              <Button size="large" icon={<CameraOutlined />} onClick={() => fileInput.current?.click()} style={{ flex: 1 }} data-testid="log-photo-button">
                {photo ? t('field.log.retake') : t('field.log.photo')}
              </Button>
              <Button type="primary" size="large" icon={<SendOutlined />} disabled={!canSend} loading={mutation.isPending} onClick={() => mutation.mutate()} style={{ flex: 1 }} data-testid="log-submit">
                {t('field.log.add')}
              </Button>
            </Flex>
          </Flex>
        )}
        {visit.logs.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.log.empty')} style={{ margin: 0 }} />
        ) : (
          <Image.PreviewGroup>
            <List size="small" dataSource={[...visit.logs].reverse()} renderItem={(entry) => <LogEntry entry={entry} />} data-testid="log-list" />
          </Image.PreviewGroup>
        )}
      </Flex>
    </Card>
  );
}
