import { CheckCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Spin, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { spareForModel } from '../../api/parts';
import { STOCK_KEY } from './labels';

/**
 * For a hardware fault on a device: whether a site or project store of its customer holds an
 * available spare that fits the model (issue 7 item 4) — what decides whether the contract's
 * hardware restore with spares on site applies.
 */
export function SpareOnSite({ model, customerId }: { model: string; customerId: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...STOCK_KEY, 'spare-for-model', model, customerId],
    queryFn: () => spareForModel(model, customerId),
    enabled: model.trim() !== '',
    staleTime: 30_000,
  });
  if (!model.trim()) return null;
  if (query.isPending) return <Spin size="small" />;
  // Not knowing is not the same as "no spare": say nothing rather than mislead the agent.
  if (!query.data) return null;
  const { hasSpare, spares } = query.data;
  const tag = (
    <Tag
      color={hasSpare ? 'success' : 'default'}
      icon={hasSpare ? <CheckCircleOutlined /> : <MinusCircleOutlined />}
      style={{ marginInlineEnd: 0 }}
      data-testid="intake-spare-on-site"
      data-available={hasSpare ? '1' : '0'}
    >
      {hasSpare ? t('parts.spare.available') : t('parts.spare.none')}
    </Tag>
  );
  if (!hasSpare) return <Tooltip title={t('parts.spare.noneHint', { model })}>{tag}</Tooltip>;
  return (
    <Tooltip
      title={
        <div>
          {spares.map((s) => (
            <div key={`${s.storeId}:${s.partId}`}>{t('parts.spare.line', { partNumber: s.partNumber, store: s.storeName, available: s.available })}</div>
          ))}
        </div>
      }
    >
      {tag}
    </Tooltip>
  );
}
