// What E2E tests do to the editor page again and again, in one place.
import type { Page } from 'playwright-core'

/** The editor's default zoom (px per second of timeline). */
export const PX_PER_SEC = 40

/** Clicks the ruler at `sec` with Alt held, so snapping does not move it: the playhead lands at that time. */
export async function movePlayheadTo(page: Page, sec: number): Promise<void> {
  const box = (await page.getByTestId('ruler').boundingBox())!
  await page.keyboard.down('Alt')
  await page.mouse.click(box.x + sec * PX_PER_SEC, box.y + box.height / 2)
  await page.keyboard.up('Alt')
}

/** Leaves the focused field, which commits what was typed into it (one history entry). */
export function blur(page: Page): Promise<void> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}
