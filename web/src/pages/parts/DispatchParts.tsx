import { ExportOutlined, InboxOutlined, PlusOutlined, RollbackOutlined, ToolOutlined, UndoOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listDispatchParts, type DispatchPartLine, type DispatchPartStep } from '../../api/parts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentUser } from '../../components/session';
import { canSeeVisitParts, mayMoveVisitParts, visitAllows } from './access';
import { ReserveModal, StepModal, stepMax, type Visit } from './DispatchPartModals';
import { UnitStateTag, dispatchPartsKey } from './labels';

/**
 * The parts a visit brings (R7 携带所需的部件, issue 7 item 4): reserved in a store by the
 * dispatcher, handed to the engineer by the storekeeper, then used on the device or brought back,
 * and the failed part taken out returned as faulty. Shown on the ticket's visits and on the
 * engineer's visit page; the server decides who may record what.
 */

const lineKey = (l: Pick<DispatchPartLine, 'partId' | 'storeId'>) => `${l.partId}-${l.storeId}`;

const STEP_ICONS: Record<DispatchPartStep, ReactNode> = {
  unreserve: <UndoOutlined />,
  issue: <ExportOutlined />,
  use: <ToolOutlined />,
  return_unused: <RollbackOutlined />,
  return_faulty: <WarningOutlined />,
};

// The testids the end-to-end tests use: part-use-…, part-return-faulty-…
const STEP_TESTIDS: Record<DispatchPartStep, string> = {
  unreserve: 'part-unreserve',
  issue: 'part-issue',
  use: 'part-use',
  return_unused: 'part-return-unused',
  return_faulty: 'part-return-faulty',
};

function Counts({ line }: { line: DispatchPartLine }) {
  const { t } = useTranslation();
  const items: [string, number, string][] = [
    ['reserved', line.reserved, 'cyan'],
    ['issued', line.issued, 'blue'],
    ['used', line.used, 'purple'],
    ['returnedUnused', line.returnedUnused, 'default'],
    ['returnedFaulty', line.returnedFaulty, 'orange'],
  ];
  return (
    <Flex gap={4} wrap>
      {items
        .filter(([, n]) => n > 0)
        .map(([key, n, color]) => (
          <Tag key={key} color={color} style={{ marginInlineEnd: 0 }} data-testid={`count-${key}`}>
            {t(`parts.visit.count.${key}`, { count: n, unit: line.unit })}
          </Tag>
        ))}
    </Flex>
  );
}

function LineItem({ visit, line, first, onStep }: { visit: Visit; line: DispatchPartLine; first: boolean; onStep: (kind: DispatchPartStep) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const key = lineKey(line);
  const steps = (['issue', 'use', 'return_unused', 'return_faulty', 'unreserve'] as const).filter((k) => mayMoveVisitParts(me, k, visit.engineers) && stepMax(k, line) > 0);
  // an engineer waiting for the parts: reserved, nobody has handed them out yet
  const waiting = line.reserved > 0 && !mayMoveVisitParts(me, 'issue', visit.engineers) && mayMoveVisitParts(me, 'use', visit.engineers);
  return (
    <div
      data-testid={`visit-part-${key}`}
      data-part-number={line.partNumber}
      data-reserved={line.reserved}
      data-issued={line.issued}
      data-used={line.used}
      data-returned-unused={line.returnedUnused}
      data-returned-faulty={line.returnedFaulty}
      style={{ padding: '8px 0', borderTop: first ? undefined : '1px solid rgba(5,5,5,0.06)' }}
    >
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{line.partNumber}</Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {line.description}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            <InboxOutlined /> {line.storeName}
          </Typography.Text>
        </div>
        <Counts line={line} />
      </Flex>
      {line.units.length > 0 && (
        <Flex gap={4} wrap style={{ marginTop: 4 }}>
          {line.units.map((u) => (
            <Space key={u.serial} size={2} data-testid={`visit-unit-${u.serial}`} data-state={u.state}>
              <Typography.Text code style={{ fontSize: 12 }}>
                {u.serial}
              </Typography.Text>
              <UnitStateTag state={u.state} />
            </Space>
          ))}
        </Flex>
      )}
      {waiting && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {t('parts.visit.waitingIssue')}
        </Typography.Text>
      )}
      {steps.length > 0 && (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {steps.map((k) => {
            const allowed = visitAllows(k, visit.state);
            const button = (
              <Button
                key={k}
                size="small"
                type={k === 'use' ? 'primary' : 'default'}
                danger={k === 'return_faulty'}
                icon={STEP_ICONS[k]}
                disabled={!allowed}
                onClick={() => onStep(k)}
                data-testid={`${STEP_TESTIDS[k]}-${key}`}
              >
                {t(`parts.visit.step.${k}`)}
              </Button>
            );
            return allowed ? (
              button
            ) : (
              <Tooltip key={k} title={t(k === 'use' || k === 'return_faulty' ? 'parts.visit.onSiteOnly' : 'parts.visit.openOnly')}>
                {button}
              </Tooltip>
            );
          })}
        </Flex>
      )}
    </div>
  );
}

function useVisitParts(visitId: number, enabled: boolean) {
  return useQuery({ queryKey: dispatchPartsKey(visitId), queryFn: () => listDispatchParts(visitId), enabled });
}

function LinesBody({ visit, query, onStep }: { visit: Visit; query: ReturnType<typeof useVisitParts>; onStep: (kind: DispatchPartStep, line: DispatchPartLine) => void }) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  if (query.error) return <ErrorAlert error={query.error} style={{ marginBottom: 0 }} />;
  const lines = query.data.items;
  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parts.visit.none')} style={{ margin: 0 }} />;
  return (
    <div data-testid="visit-part-lines">
      {lines.map((l, i) => (
        <LineItem key={lineKey(l)} visit={visit} line={l} first={i === 0} onStep={(kind) => onStep(kind, l)} />
      ))}
    </div>
  );
}

function ReserveButton({ visit, onOpen, size }: { visit: Visit; onOpen: () => void; size?: 'small' }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!mayMoveVisitParts(me, 'reserve', visit.engineers) || !visitAllows('reserve', visit.state)) return null;
  return (
    <Button size={size} icon={<PlusOutlined />} onClick={onOpen} data-testid="parts-reserve-open">
      {t('parts.visit.reserve')}
    </Button>
  );
}

/** The visit page's parts card: what to bring and, on site, what was used and what came back. */
export function DispatchPartsCard({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const visible = canSeeVisitParts(me);
  const query = useVisitParts(visit.id, visible);
  const [reserving, setReserving] = useState(false);
  const [step, setStep] = useState<{ kind: DispatchPartStep; line: DispatchPartLine } | null>(null);
  if (!visible) return null;
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <InboxOutlined />
          {t('parts.visit.title')}
        </Space>
      }
      extra={
        <Space size={4}>
          <Link to={`/parts/movements?dispatchId=${visit.id}`} style={{ fontSize: 12 }} data-testid="visit-part-movements">
            {t('parts.visit.movements')}
          </Link>
          <ReserveButton visit={visit} onOpen={() => setReserving(true)} size="small" />
        </Space>
      }
      data-testid="visit-stock-parts"
    >
      <LinesBody visit={visit} query={query} onStep={(kind, line) => setStep({ kind, line })} />
      <ReserveModal visit={visit} open={reserving} onClose={() => setReserving(false)} />
      <StepModal visitId={visit.id} step={step} onClose={() => setStep(null)} />
    </Card>
  );
}

/** The same, inside a visit of the ticket's visit list. */
export function DispatchPartsSection({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const visible = canSeeVisitParts(me);
  const query = useVisitParts(visit.id, visible);
  const [reserving, setReserving] = useState(false);
  const [step, setStep] = useState<{ kind: DispatchPartStep; line: DispatchPartLine } | null>(null);
  if (!visible) return null;
  const lines = query.data?.items ?? [];
  const canReserve = mayMoveVisitParts(me, 'reserve', visit.engineers) && visitAllows('reserve', visit.state);
  // A visit with no parts and nobody to reserve them shows nothing.
  if (lines.length === 0 && !canReserve && !query.error) return null;
  return (
    <div data-testid={`dispatch-parts-${visit.id}`} style={{ marginTop: 4 }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <InboxOutlined /> {t('parts.visit.title')}
          {lines.length > 0 && ` (${lines.length})`}
        </Typography.Text>
        <ReserveButton visit={visit} onOpen={() => setReserving(true)} size="small" />
      </Flex>
      {(lines.length > 0 || query.error) && <LinesBody visit={visit} query={query} onStep={(kind, line) => setStep({ kind, line })} />}
      <ReserveModal visit={visit} open={reserving} onClose={() => setReserving(false)} />
      <StepModal visitId={visit.id} step={step} onClose={() => setStep(null)} />
    </div>
  );
}

