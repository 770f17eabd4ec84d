// Set up before every E2E file: when a test fails, what the page showed at that moment is kept as
// screenshots/failed-<file>-<test>[-<n>].png and its path printed with the page's text (what a log can carry), so a
// failure on CI can be looked at, not guessed.
import { basename } from 'node:path'
import { beforeEach } from 'vitest'
import { openBrowsers, screenshot } from './browser'

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const pages = [...openBrowsers].flatMap((b) => b.contexts().flatMap((c) => c.pages()))
    for (const [i, page] of pages.entries()) {
      const name = `failed-${slug(basename(task.file?.name ?? 'e2e', '.test.ts'))}-${slug(task.name)}`
      const path = await screenshot(page, pages.length > 1 ? `${name}-${i + 1}` : name).catch(() => null)
      const text = await page
        // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, without hidden text
        .evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim())
        .catch(() => '(the page did not answer)')
      console.error(
        `What the page showed when "${task.name}" failed: ${path ?? '(no screenshot)'}\n${text.slice(0, 2000)}`,
      )
    }
  })
})
