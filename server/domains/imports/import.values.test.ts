import { describe, expect, it } from 'vitest';
import { CATEGORY_CHOICES, parseChoice, parseDay, parseFlag, STATUS_CHOICES } from './import.values.js';

describe('import cell values', () => {
  it('reads an enumeration written as its code, in Chinese or in English, in any case or spacing', () => {
    expect(['server', 'Server', '服务器', ' SERVER '].map((t) => parseChoice(CATEGORY_CHOICES, t))).toEqual(['server', 'server', 'server', 'server']);
    expect(['in_service', 'In service', 'in-service', '在用', '已报废', 'On loan'].map((t) => parseChoice(STATUS_CHOICES, t))).toEqual([
      'in_service',
      'in_service',
      'in_service',
      'in_service',
      'retired',
      'on_loan',
    ]);
    expect(parseChoice(CATEGORY_CHOICES, '主机')).toBeNull();
  });

  it('reads yes and no as Y/N, 是/否, true/false and 1/0, and nothing else', () => {
    expect(['Y', 'yes', '是', 'TRUE', '1'].map(parseFlag)).toEqual([true, true, true, true, true]);
    expect(['n', 'No', '否', 'false', '0'].map(parseFlag)).toEqual([false, false, false, false, false]);
    expect(parseFlag('maybe')).toBeNull();
  });

  it('reads days as Excel, WPS and people write them, and refuses days that do not exist', () => {
    expect(parseDay('2025-03-08')).toBe('2025-03-08');
    expect(parseDay('2025/3/8')).toBe('2025-03-08');
    expect(parseDay('2025.3.8')).toBe('2025-03-08');
    expect(parseDay('2025年3月8日')).toBe('2025-03-08');
    expect(parseDay('2025/3/8 0:00')).toBe('2025-03-08');
    expect(parseDay('2025-02-30')).toBeNull();
    expect(parseDay('8/3/2025')).toBeNull();
    expect(parseDay('soon')).toBeNull();
  });
});
