// How Chromium is started here: Debian's package, headless, and with every background connection off,
// because nothing outside loopback is reachable. Playwright's launch() gives each browser a new, empty
// profile directory of its own (it refuses --user-data-dir).
import fs from 'node:fs';

export function launchOptions() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}; scripts/web-test.sh installs it.`);
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  };
}
