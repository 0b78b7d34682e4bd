// Plays the user in a real browser (Debian's Chromium, headless, driven by playwright-core):
// opens the authorization URL, signs in at the test OpenID provider, then consents or denies.
// Prints the text of the page the loopback redirect lands on.
// Usage: node browser.mjs URL LOGIN consent|deny
import { chromium } from 'playwright-core';

const [url, login, answer] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--ignore-certificate-errors'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  // oidc-provider's sign-in page (devInteractions): any password.
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  await page.waitForLoadState();
  if (answer === 'deny') {
    // The consent page has no "deny": abort the interaction as a user closing it would.
    await page.goto(page.url().replace(/\/interaction\/([^/]+).*/, '/interaction/$1/abort'));
  } else {
    await page.click('button[type=submit]');
  }
  await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\//, { timeout: 15000 });
  await page.waitForLoadState();
  console.log(await page.innerText('body'));
} finally {
  await browser.close();
}
