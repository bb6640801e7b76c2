import type { Page } from 'playwright-core';

/** Small steps the journeys take on the console's controls (Ant Design). */

/** Picks the option of the open select whose text contains `text`. */
export async function pickOption(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Picks an option of the open select by its testid (the chosen value shows the same label in the field). */
export async function pickTestId(page: Page, testId: string): Promise<void> {
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="${testId}"]`).click();
}

/** Waits for the toasts to go, so a screenshot shows the page. */
export async function quiet(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 }).catch(() => undefined);
}

/**
 * Takes a visit's step on the engineer's page, confirms it, and waits until the server has it (the
 * dialog closes). A confirmation click that lands while the dialog is still opening can be lost on a
 * busy machine; one that was lost is repeated (never one that sent the step: the button is loading
 * then). A refusal from the server fails with the dialog's text.
 */
export async function takeStep(page: Page, step: string): Promise<void> {
  await page.getByTestId(`step-${step}`).click();
  const confirm = page.getByTestId('step-confirm');
  for (let attempt = 0; attempt < 3; attempt++) {
    await confirm.click();
    if (await confirm.waitFor({ state: 'detached', timeout: 4_000 }).then(() => true, () => false)) return;
    if (await confirm.evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => false)) {
      await confirm.waitFor({ state: 'detached' });
      return;
    }
    const refusal = await page.locator('.ant-modal-content .ant-alert').first().textContent({ timeout: 500 }).catch(() => null);
    if (refusal) throw new Error(`step ${step} was refused: ${refusal}`);
  }
  throw new Error(`step ${step}: the confirmation dialog did not take the click`);
}

/** On the hotline's intake: types the start of a serial number, picks the device and waits for its entitlement. */
export async function intakeDevice(page: Page, serial: string): Promise<void> {
  await page.getByTestId('intake-serial').fill(serial.slice(0, 6));
  await page.getByTestId(`serial-option-${serial}`).click();
  await page.getByTestId('serial-lookup-result').waitFor();
}
