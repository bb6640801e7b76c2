import { Flex, Typography } from 'antd';

/** Page title with actions on the right; wraps under the title on narrow screens. */
export function PageHeader({ title, extra }: { title: React.ReactNode; extra?: React.ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra && <Flex gap={8} wrap>{extra}</Flex>}
    </Flex>
  );
}
