import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, screenshot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/**
 * The first journey a new install takes: the printed admin password signs in, the one-time
 * password is replaced, the language switches, and the administrator creates a user who then
 * signs in with the one-time password shown once.
 */
describe.skipIf(!hasChromium)('foundation journey', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(['--demo']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, username: string, password: string) {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-password').press('Enter');
  }

  async function replacePassword(page: Page, current: string, next: string) {
    await page.getByTestId('pw-current').fill(current);
    await page.getByTestId('pw-new').fill(next);
    await page.getByTestId('pw-confirm').fill(next);
    await page.getByTestId('pw-submit').click();
  }

  it('signs in with the printed password, switches language and creates a user who can sign in', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);

    // Chinese by default for a Chinese browser.
    await page.getByTestId('login-username').waitFor();
    await expect(page.getByTestId('login-submit').textContent()).resolves.toMatch(/登\s*录/);
    await screenshot(page, 'sign-in');

    await signIn(page, 'admin', 'not-the-password-1');
    await page.getByTestId('login-error').waitFor();

    await signIn(page, 'admin', server.adminPassword);
    await page.getByTestId('password-rules').waitFor();
    await replacePassword(page, server.adminPassword, 'Weibao-chief-2026');
    await page.getByTestId('welcome-card').waitFor();
    await screenshot(page, 'dashboard-zh');

    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('nav-dashboard').getByText('Dashboard').waitFor();
    expect(await page.evaluate('localStorage.getItem("weibao.lang")')).toBe('en');

    await page.getByTestId('nav-admin-users').click();
    await page.getByTestId('users-table').getByText('zhangwei').waitFor();
    await screenshot(page, 'users');

    await page.getByTestId('users-new').click();
    await page.getByTestId('user-form-username').fill('zhou.min');
    await page.getByTestId('user-form-displayName').fill('周敏');
    await page.getByTestId('user-form-roles').click();
    await page.getByTestId('role-option-engineer').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-form-submit').click();
    const oneTime = (await page.getByTestId('one-time-password').textContent())?.trim() ?? '';
    expect(oneTime).toMatch(/^[A-Za-z0-9]{14}$/);
    await screenshot(page, 'user-created');
    await page.getByTestId('one-time-done').click();
    await page.getByTestId('users-table').getByText('zhou.min').waitFor();

    // The new engineer signs in with the password shown once and must replace it.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await signIn(page, 'zhou.min', oneTime);
    await replacePassword(page, oneTime, 'Zhoumin-field-7');
    await page.getByTestId('welcome-card').getByText('周敏').waitFor();
    // An engineer has no administration menu.
    expect(await page.getByTestId('nav-admin-users').count()).toBe(0);
    await context.close();
  });

  it('works on a phone: the menu opens from a button', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await signIn(page, 'zhangwei', 'Weibao2026demo');
    await page.getByTestId('welcome-card').waitFor();
    await screenshot(page, 'phone-dashboard');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('nav-tickets').waitFor({ state: 'visible' });
    // Let the drawer finish sliding in before the picture.
    await page.waitForTimeout(600);
    await screenshot(page, 'phone-menu');
    await context.close();
  });
});
