import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

/** 中文 | English toggle; the choice is remembered in this browser. */
export function LangSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { i18n } = useTranslation();
  void i18n.language; // re-render on change
  return (
    <Segmented<Language>
      data-testid="lang-switch"
      size={size}
      value={currentLanguage()}
      onChange={(v) => setLanguage(v)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
