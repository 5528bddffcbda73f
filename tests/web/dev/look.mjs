// Dev helper: opens a page in headless Chromium, optionally builds a small segment, and saves a
// screenshot, to review the layout against the mock server.  node dev/look.mjs URL OUT.png
import { chromium } from 'playwright-core';
import { launchOptions } from '../browser.mjs';

const [url = 'http://127.0.0.1:5099/', out = '/tmp/builder.png'] = process.argv.slice(2);
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
page.on('console', m => console.log('console:', m.type(), m.text()));
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
const root = page.getByRole('group', { name: 'Segment root' });
await root.getByRole('button', { name: 'Add attribute' }).click();
await page.getByLabel('Field').selectOption('location');
await page.getByLabel('Value', { exact: true }).fill('California');
await root.getByRole('button', { name: 'Add event' }).last().click();
await page.getByLabel('Event name').fill('LOGIN');
await page.waitForSelector('#count-card[data-state=ready]');
await page.waitForTimeout(600);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
