import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, screenshot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/**
 * The records journey (issue 3): a manager imports assets from a spreadsheet, finds one by serial,
 * changes its firmware version and sees the change in its history; the hotline lookup by serial
 * shows the warranty.
 */
describe.skipIf(!hasChromium)('customer files and assets journey', () => {
  let server: RunningServer;
  let browser: Browser;
  const serials = ['2102313TUN10M7000101', '2102313TUN10M7000102', '2102313TUN10M7000103'];

  beforeAll(async () => {
    server = await startServer(['--demo']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, username: string) {
    await page.goto(server.url);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('Weibao2026demo');
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('welcome-card').waitFor();
  }

  it('imports assets, finds one by serial, changes its firmware and shows the change in its history', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, 'liuyang');

    const csv = [
      '客户编号 Customer code,序列号 Serial number,厂商 Vendor,型号 Model,类别 Category,机房 Room,机柜 Rack,U位 Unit,固件版本 Firmware version,保修截止 Warranty end',
      ...serials.map((s, i) => `WHSY,${s},Huawei,OceanStor 5310,存储,主楼3层机房,B0${i + 1},20-24,V500R007C70,2027-03-31`),
    ].join('\n');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-import-')), 'assets.csv');
    fs.writeFileSync(file, csv);

    await page.goto(`${server.url}/customers/assets`);
    await page.getByTestId('assets-table').waitFor();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-result').getByText('3').first().waitFor();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').getByText(/已创建\s*3/).waitFor();
    await screenshot(page, 'asset-import');
    await page.keyboard.press('Escape');
    await page.getByTestId('import-run').waitFor({ state: 'hidden' });

    // Typing a serial prefix narrows the list to the three imported devices.
    await page.getByTestId('assets-filter-serial').fill(serials[1]!.slice(0, 18));
    await page.waitForFunction(`document.querySelectorAll('[data-testid^="asset-row-"]').length === 3`);
    for (const serial of serials) expect(await page.getByTestId(`asset-row-${serial}`).count()).toBe(1);
    await screenshot(page, 'assets');
    await page.getByTestId(`asset-row-${serials[1]}`).click();

    await page.getByTestId('asset-warranty').getByText('在保').waitFor();
    await page.getByTestId('asset-history').getByText('导入').first().waitFor();
    await page.getByTestId('asset-edit').click();
    await page.getByTestId('asset-form-firmwareVersion').fill('V500R007C71SPC100');
    await page.getByTestId('asset-form-note').fill('巡检时升级控制器固件');
    await page.getByTestId('asset-form-submit').click();
    await page.getByTestId('asset-history').getByText('V500R007C71SPC100').waitFor();
    await page.getByTestId('asset-history').getByText('巡检时升级控制器固件').waitFor();
    await screenshot(page, 'asset-history');
    await context.close();
  });

  it('looks a serial number up from the dashboard while typing, with its warranty', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, 'wangfang');
    await page.getByTestId('serial-lookup').fill(serials[2]!.slice(0, 12));
    await page.getByTestId(`serial-option-${serials[2]}`).click();
    const card = page.getByTestId('serial-lookup-result');
    await card.getByText('OceanStor 5310').first().waitFor();
    await card.getByText('In warranty').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId(`serial-option-${serials[0]}`).waitFor({ state: 'hidden' });
    await screenshot(page, 'serial-lookup');
    await context.close();
  });
});
