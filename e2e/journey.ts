import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/** The demo company's password (server/demo). */
const DEMO_PASSWORD = 'Weibao2026demo';

export interface DemoJourney {
  /** The server under test; available inside tests and hooks. */
  readonly server: RunningServer;
  /** A fresh browser context signed in as a demo user (zh-CN, desktop size unless told). */
  signedIn(username: string, options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  /** A JSON API call with the page's session: GET, or POST with a body; fails the test on an error status. */
  api<T>(page: Page, path: string, body?: unknown): Promise<T>;
}

/**
 * A journey's setup, called inside its `describe`: the built server with the demo company (and
 * `env`) and Chromium start before the tests and close after them.
 */
export function useDemoJourney(env: Record<string, string> = {}): DemoJourney {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer(['--demo'], env);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  const running = () => {
    if (!server || !browser) throw new Error('the journey has not started');
    return { server, browser };
  };

  return {
    get server() {
      return running().server;
    },
    async signedIn(username, options = {}) {
      const { server, browser } = running();
      const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', viewport: options.viewport ?? { width: 1280, height: 860 } });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(server.url);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-password').press('Enter');
      await page.getByTestId('welcome-card').waitFor();
      return page;
    },
    async api<T>(page: Page, path: string, body?: unknown) {
      const url = `${running().server.url}${path}`;
      const res = body === undefined ? await page.request.get(url) : await page.request.post(url, { data: body });
      expect(res.status(), path).toBeLessThan(300);
      return (await res.json()) as T;
    },
  };
}
