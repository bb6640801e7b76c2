import { describe, expect, it } from 'vitest';
import { documentTokens, fts5Query, queryTerms, tsQuery } from './cjk-tokens.js';

describe('CJK search tokens', () => {
  it('indexes Chinese as unigrams and bigrams and other text as lower-cased words', () => {
    expect(documentTokens('机房漏水, RAID5 降级')).toEqual(['机', '机房', '房', '房漏', '漏', '漏水', '水', 'raid5', '降', '降级', '级']);
  });

  it('queries two-character words as one bigram and single characters alone', () => {
    expect(queryTerms('漏水')).toEqual({ exact: ['漏水'], prefix: [] });
    expect(queryTerms('宕')).toEqual({ exact: ['宕'], prefix: [] });
    expect(queryTerms('无法开机')).toEqual({ exact: ['无法', '法开', '开机'], prefix: [] });
    expect(queryTerms('RAID 打印机')).toEqual({ exact: ['打印', '印机'], prefix: ['raid'] });
    expect(queryTerms('  !! ')).toEqual({ exact: [], prefix: [] });
  });

  it('finds every query bigram among a document’s tokens (what both engines rely on)', () => {
    const doc = new Set(documentTokens('客户反映服务器无法开机，电源指示灯不亮'));
    for (const q of ['无法开机', '服务器', '开机', '灯']) {
      expect(queryTerms(q).exact.every((t) => doc.has(t)), q).toBe(true);
    }
    expect(queryTerms('漏水').exact.every((t) => doc.has(t))).toBe(false);
  });

  it('normalises full-width characters', () => {
    expect(documentTokens('ＲＡＩＤ　卡')).toEqual(['raid', '卡']);
  });

  it('writes engine queries with every term required', () => {
    const terms = queryTerms('RAID 宕机');
    expect(fts5Query(terms)).toBe('"宕机" AND "raid"*');
    expect(tsQuery(terms)).toBe("'宕机' & 'raid':*");
  });
});
