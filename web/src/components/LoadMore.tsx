import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** Keyset lists grow page by page: the count shown so far and a "Load more" button. */
export function LoadMore({ count, hasMore, loading, onLoadMore }: Props) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }} wrap>
      <Typography.Text type="secondary">{t('list.shown', { count })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid="load-more">
          {t('list.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('list.end')}</Typography.Text>
      )}
    </Flex>
  );
}
