/**
 * Makes the landing page's hero pictures: the bridge chapter with its lab open,
 * a real lab machine in the terminal and tasks ticked by the real grader, in
 * both languages and both themes. Like the captured outputs, they are made, not
 * drawn: re-run after the lab pane's look changes.
 *
 *   npm run docs:hero        (writes src/assets/hero/lab-<locale>-<theme>.png)
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/helpers/browser.ts';
import {
  endSession,
  newContext,
  waitForLastLine,
  waitForPrompt,
  waitForText,
} from '../tests/e2e/helpers/lab.ts';
import { buildImages, buildSite, startServer } from '../tests/e2e/helpers/server.ts';
import { focusTerminal } from '../tests/e2e/helpers/terminal.ts';

const OUT = path.resolve(import.meta.dirname, '../src/assets/hero');
const COMMANDS = ['docker run -d --name busybox1 busybox sleep 3600', 'brctl show'];

buildImages();
const server = await startServer({ siteDir: buildSite() });
const browser = await launchBrowser();
mkdirSync(OUT, { recursive: true });
try {
  for (const locale of ['en', 'zh-cn'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await newContext(browser, { theme });
      const page = await context.newPage();
      await page.setViewportSize({ width: 1400, height: 820 });
      const prefix = locale === 'en' ? '' : '/zh-cn';
      await page.goto(`${server.url}${prefix}/bridge-network/?lab=bridge`);
      await waitForPrompt(page);
      await focusTerminal(page.locator('.netlab-pane netlab-terminal'));
      for (const command of COMMANDS) {
        await page.keyboard.type(`${command}\n`, { delay: 5 });
        await waitForText(
          page,
          command === 'brctl show' ? /docker0\s+\S+\s+no\s+veth/ : /^[0-9a-f]{64}$/m,
        );
        // The next command only once the prompt is back, as a reader types it.
        await waitForLastLine(page, /^root@netlab:~#\s*$/);
      }
      // The live re-check ticks the first task within a few seconds.
      await page
        .locator('.netlab-pane [data-task-id="run-busybox1"][data-status="passed"]')
        .waitFor({ timeout: 30_000 });
      const file = path.join(OUT, `lab-${locale}-${theme}.png`);
      // The chapter and its lab, without the site header and sidebar around them.
      await page.screenshot({ path: file, clip: { x: 300, y: 64, width: 1100, height: 756 } });
      console.log(`hero: ${path.relative(process.cwd(), file)}`);
      await endSession(page, server.url, 'bridge');
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
