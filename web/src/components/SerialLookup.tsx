import { BarcodeOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Card, Descriptions, Empty, Flex, Input, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { lookupAssets } from '../api/client';
import type { Entitlement } from '../api/types';
import { AssetStatusTag, WarrantyBadge, enumLabel, locationText } from './assetLabels';
import { ErrorAlert } from './ErrorAlert';
import { useDebounced } from './useDebounced';
import { useIsPhone } from './useIsPhone';

/** Where the result card's links lead; the customer portal uses its own pages. */
export interface LookupLinks {
  asset: (id: number) => string;
  contract: (id: number) => string;
  customer: ((id: number) => string) | null;
}

export const STAFF_LINKS: LookupLinks = {
  asset: (id) => `/customers/assets/${id}`,
  contract: (id) => `/customers/contracts/${id}`,
  customer: (id) => `/customers/${id}`,
};

/** The entitlement card: device, customer, contract, site and location, warranty (R5). */
export function EntitlementCard({ entitlement: e, links = STAFF_LINKS }: { entitlement: Entitlement; links?: LookupLinks | null }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const a = e.asset;
  const loc = locationText(a);
  return (
    <Card
      size="small"
      data-testid="serial-lookup-result"
      title={
        <Space size={8} wrap>
          <BarcodeOutlined />
          {links ? (
            <Link to={links.asset(a.id)} data-testid="serial-lookup-asset-link">
              {a.serialNumber}
            </Link>
          ) : (
            a.serialNumber
          )}
          <Typography.Text type="secondary">
            {a.vendor} {a.model}
          </Typography.Text>
        </Space>
      }
      extra={<AssetStatusTag status={a.status} />}
    >
      <Descriptions size="small" column={isPhone ? 1 : 2} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('asset.warranty')} span={isPhone ? 1 : 2}>
          <WarrantyBadge warranty={e.warranty} testId="serial-lookup-warranty" />
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.vendorModel')}>
          {a.vendor} {a.model} <Tag style={{ marginInlineStart: 4 }}>{enumLabel(t, 'category', a.category)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.customer')}>
          {links?.customer ? <Link to={links.customer(e.customer.id)}>{e.customer.name}</Link> : e.customer.name}{' '}
          <Typography.Text type="secondary">({e.customer.code})</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.contract')}>
          {e.contract ? (
            <Space size={4} wrap>
              {links ? <Link to={links.contract(e.contract.id)}>{e.contract.number}</Link> : e.contract.number}
              <Typography.Text type="secondary">{e.contract.name}</Typography.Text>
              <Tag color="blue">{enumLabel(t, 'coverage', e.contract.coverage)}</Tag>
              {e.contract.sparesOnSite && <Tag color="green">{t('contract.sparesOnSite')}</Tag>}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('asset.noContract')}</Typography.Text>
          )}
        </Descriptions.Item>
        {e.contract && (
          <Descriptions.Item label={t('contract.serviceEnd')}>{e.contract.serviceEnd}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('asset.site')}>
          {e.site ? (
            <span>
              {e.site.name}
              {e.site.address && <Typography.Text type="secondary"> · {e.site.address}</Typography.Text>}
            </span>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.location')}>{loc || '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

interface Props {
  /** Called with what the exact lookup found (e.g. the hotline fills in a ticket). */
  onFound?: (items: Entitlement[]) => void;
  links?: LookupLinks | null;
  autoFocus?: boolean;
  /** The input's data-testid (default `serial-lookup`). */
  inputTestId?: string;
  /** Called when the input is emptied; the shown result is then dropped too. */
  onClear?: () => void;
  placeholder?: string;
}

/**
 * 按序列号查询: suggests serial numbers by prefix while typing, and on choosing one (or Enter)
 * shows the device's customer, contract, site and warranty.
 */
export function SerialLookup({ onFound, links = STAFF_LINKS, autoFocus, inputTestId = 'serial-lookup', onClear, placeholder }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const textRef = useRef('');
  const [exact, setExact] = useState<string | null>(null);
  const prefix = useDebounced(text.trim(), 200);

  const suggestions = useQuery({
    queryKey: ['assets', 'lookup', 'prefix', prefix],
    queryFn: () => lookupAssets({ prefix }),
    enabled: prefix.length > 0,
    staleTime: 15_000,
  });
  const result = useQuery({
    queryKey: ['assets', 'lookup', 'serial', exact],
    queryFn: () => lookupAssets({ serial: exact ?? '' }),
    enabled: !!exact,
  });
  // the latest callback, so a caller's inline function does not re-announce the same result
  const onFoundRef = useRef(onFound);
  useEffect(() => {
    onFoundRef.current = onFound;
  }, [onFound]);
  useEffect(() => {
    if (result.data) onFoundRef.current?.(result.data.items);
  }, [result.data]);

  const options = useMemo(() => {
    const seen = new Set<string>();
    const list: { value: string; label: React.ReactNode }[] = [];
    for (const e of suggestions.data?.items ?? []) {
      if (seen.has(e.asset.serialNumber)) continue;
      seen.add(e.asset.serialNumber);
      list.push({
        value: e.asset.serialNumber,
        label: (
          <Flex justify="space-between" gap={8} data-testid={`serial-option-${e.asset.serialNumber}`}>
            <Typography.Text strong ellipsis>
              {e.asset.serialNumber}
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: '60%' }}>
              {e.asset.vendor} {e.asset.model} · {e.customer.name}
            </Typography.Text>
          </Flex>
        ),
      });
    }
    return list;
  }, [suggestions.data]);

  const search = (value: string) => {
    const v = value.trim();
    if (v) setExact(v);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <AutoComplete
        value={text}
        options={options}
        onChange={(v: string) => {
          setText(v);
          textRef.current = v;
          if (!v && onClear) {
            setExact(null);
            onClear();
          }
        }}
        onSelect={(v: string) => search(v)}
        style={{ width: '100%', maxWidth: 560 }}
        notFoundContent={prefix && suggestions.isFetching ? <Spin size="small" /> : null}
      >
        <Input
          size="large"
          allowClear
          autoFocus={autoFocus}
          prefix={<SearchOutlined />}
          placeholder={placeholder ?? t('lookup.placeholder')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          data-testid={inputTestId}
          onKeyDown={(ev) => {
            // A highlighted suggestion is chosen through onSelect; plain Enter looks the text up.
            if (ev.key === 'Enter') setTimeout(() => search(textRef.current), 0);
          }}
        />
      </AutoComplete>
      {result.isFetching && !result.data && <Spin />}
      <ErrorAlert error={result.error} style={{ marginBottom: 0 }} />
      {exact && result.data && result.data.items.length === 0 && !result.isFetching && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lookup.notFound', { serial: exact })} data-testid="serial-lookup-empty" />
      )}
      {result.data?.items.map((e) => <EntitlementCard key={e.asset.id} entitlement={e} links={links} />)}
    </Space>
  );
}
