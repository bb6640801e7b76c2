import { FileTextOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Typography, Upload } from 'antd';
import type { GetRef } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importCalendarYear, isApiError } from '../../api/client';
import type { HolidayFileError } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CALENDARS_KEY } from './calendarLabels';

type TextAreaRef = GetRef<typeof Input.TextArea>;

interface Props {
  open: boolean;
  calendarId: number;
  year: number;
  /** The year's days as a file, to correct rather than retype. */
  initialText: string;
  onClose: () => void;
}

/**
 * Loads a year's holidays and make-up workdays (调休) from the holiday file format, pasted or read
 * from a .txt file. A file with any bad line loads nothing: each bad line is listed by number, and
 * choosing one selects it in the text.
 */
export function HolidayImportModal({ open, calendarId, year, initialText, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [lineErrors, setLineErrors] = useState<HolidayFileError[]>([]);
  const [error, setError] = useState<unknown>(null);
  const area = useRef<TextAreaRef>(null);

  useEffect(() => {
    if (!open) return;
    setText(initialText.trim() ? initialText : t('holidays.template', { year }));
    setLineErrors([]);
    setError(null);
  }, [open, initialText, year, t]);

  const mutation = useMutation({
    mutationFn: () => importCalendarYear(calendarId, year, text),
    onMutate: () => {
      setError(null);
      setLineErrors([]);
    },
    onSuccess: (result) => {
      message.success(t('holidays.importedOk', { count: result.days.length, year }));
      void qc.invalidateQueries({ queryKey: CALENDARS_KEY });
      onClose();
    },
    onError: (e) => {
      setError(e);
      if (isApiError(e) && e.code === 'holiday_file_invalid') setLineErrors(((e.details as { errors?: HolidayFileError[] } | null)?.errors ?? []) as HolidayFileError[]);
    },
  });

  /** Selects a line of the text (1-based), scrolled into view. */
  const selectLine = (line: number) => {
    const el = area.current?.resizableTextArea?.textArea;
    if (!el) return;
    const lines = text.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 22;
    el.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  const lineCount = text.split('\n').length;

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('holidays.importTitle', { year })}
      okText={t('holidays.import')}
      cancelText={t('common.cancel')}
      onOk={() => mutation.mutate()}
      okButtonProps={{ loading: mutation.isPending, disabled: !text.trim(), 'data-testid': 'holiday-import-confirm' }}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('holidays.formatHint')}
      </Typography.Paragraph>
      <pre style={{ background: '#fafafa', padding: 8, borderRadius: 6, fontSize: 12, margin: '0 0 12px' }}>{t('holidays.formatExample', { year })}</pre>
      {lineErrors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={isApiError(error) ? error.message : t('holidays.fileInvalid')}
          description={
            <Flex vertical gap={2} role="list" data-testid="holiday-import-errors">
              {lineErrors.map((e) => (
                <div role="listitem" key={`${e.line}-${e.message}`}>
                  <Button type="link" size="small" onClick={() => selectLine(e.line)} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} data-testid={`holiday-error-line-${e.line}`}>
                    {t('holidays.lineError', { line: e.line, message: e.message })}
                  </Button>
                </div>
              ))}
            </Flex>
          }
          style={{ marginBottom: 12 }}
        />
      ) : (
        <ErrorAlert error={error} />
      )}
      <Flex gap={8} align="center" style={{ marginBottom: 8 }} wrap>
        <Upload
          accept=".txt,text/plain"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((content) => {
              setText(content);
              setLineErrors([]);
            });
            return false;
          }}
        >
          <Button icon={<FileTextOutlined />} data-testid="holiday-import-file">
            {t('holidays.readFile')}
          </Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('holidays.lines', { count: lineCount })}
        </Typography.Text>
      </Flex>
      <Input.TextArea
        ref={area}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 10, maxRows: 18 }}
        spellCheck={false}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
        aria-label={t('holidays.fileText')}
        data-testid="holiday-import-text"
      />
    </Modal>
  );
}
