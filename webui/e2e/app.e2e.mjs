// The web app in a real browser (Debian's Chromium through playwright-core) against a real, running Resonance
// server with a scanned library: sign-in, deep links, browse, play, search as you type, and screenshots of the main
// screens. Run by karaf-distribution/itests' WebAppIT, which starts the server with a generated library (artist
// "Alpha", album "First" with the tracks "Opening" and "Closing" (8 s MP3s); artist "Beta", album "Second"; artist
// "Gamma", album "Long" with "Long Way", a 4-minute FLAC).
//
//   RESONANCE_URL=http://localhost:8080 RESONANCE_USER=root RESONANCE_PASSWORD=… node e2e/app.e2e.mjs
//   RESONANCE_SCREENSHOTS=dir   also saves screenshots (desktop and phone width, dark and light) there
//   CHROMIUM=/usr/bin/chromium  the browser (default)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = required('RESONANCE_URL');
const user = required('RESONANCE_USER');
const password = required('RESONANCE_PASSWORD');
const screenshots = process.env.RESONANCE_SCREENSHOTS;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});

const steps = [];
async function step(name, run) {
  const t0 = Date.now();
  try {
    await run();
    steps.push(`ok   ${name} (${Date.now() - t0} ms)`);
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    console.log(`FAIL ${name}: ${e.stack || e}`);
    throw e;
  }
}

function newPage(context) {
  return context.newPage().then((page) => {
    if (process.env.E2E_DEBUG_WS) {
      page.on('websocket', (ws) => {
        ws.on('framesent', (f) => console.log(`ws> ${String(f.payload).slice(0, 300)}`));
        ws.on('framereceived', (f) => console.log(`ws< ${String(f.payload).slice(0, 300)}`));
      });
      page.on('console', (m) => console.log(`console: ${m.text()}`));
    }
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    return page;
  });
}

async function signIn(page) {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const page = await newPage(context);

  await step('a deep link while signed out shows the sign-in page', async () => {
    const response = await page.goto(base + '/albums');
    assert.equal(response.status(), 200);
    await page.getByRole('heading', { name: 'Resonance' }).waitFor();
    await page.getByLabel('Username').waitFor();
  });

  await step('a wrong password is refused with the server\'s message', async () => {
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill(password + '-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /\S/);
  });

  await step('signing in shows the page the deep link asked for', async () => {
    await signIn(page);
    await page.getByRole('heading', { name: 'Albums', exact: true }).waitFor();
    const cards = page.getByRole('list', { name: 'Albums' }).getByRole('link');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 3);
  });

  let albumUrl;
  await step('home lists the recently added albums and opens one', async () => {
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { name: 'Recently added' }).waitFor();
    await page.getByRole('link', { name: /First/ }).click();
    await page.getByRole('heading', { name: 'First' }).waitFor();
    const rows = page.getByRole('list', { name: 'Tracks' }).getByRole('listitem');
    assert.deepEqual(await rows.evaluateAll((items) => items.map((i) => i.querySelector('.tracks__title').textContent)), ['Opening', 'Closing']);
    albumUrl = page.url();
    assert.match(albumUrl, /\/albums\/\d+$/);
  });

  await step('play starts the album: the player shows the track and its position moves', async () => {
    await page.getByRole('button', { name: 'Play', exact: true }).first().click();
    await page.getByTestId('now-playing').filter({ hasText: 'Opening' }).waitFor();
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-testid="position"]')?.textContent ?? '0:00';
      const [m, s] = text.split(':').map(Number);
      return m * 60 + s >= 1;
    });
    await page.getByRole('button', { name: 'Pause' }).waitFor();
  });

  await step('time to first play: from the click on a track to its first sound (reported, not asserted)', async () => {
    const footer = page.getByRole('contentinfo', { name: 'Player' });
    const measure = async (titles) => {
      const times = [];
      for (const title of titles) {
        const before = await footer.getAttribute('data-starts');
        await page.getByRole('button', { name: `Play ${title}` }).click();
        await page.getByTestId('now-playing').filter({ hasText: title }).waitFor();
        await page.waitForFunction((old) => document.querySelector('footer[aria-label="Player"]')?.getAttribute('data-starts') !== old, before);
        times.push(Number(await footer.getAttribute('data-start-latency-ms')));
      }
      times.sort((a, b) => a - b);
      return `median ${times[Math.floor(times.length / 2)]} ms, max ${times[times.length - 1]} ms (${times.join(', ')})`;
    };
    const output = await footer.getAttribute('data-output');
    const short = await measure(['Closing', 'Opening', 'Closing', 'Opening', 'Closing', 'Opening']);
    await page.goto(base + '/albums');
    await page.getByRole('link', { name: /Long/ }).click();
    await page.getByRole('heading', { name: 'Long' }).waitFor();
    const long = await measure(['Long Way', 'Long Way', 'Long Way']);
    console.log(`time to first play (${output} output, loopback): 8 s MP3 ${short}; 4 min FLAC ${long}`);
    await page.goto(albumUrl);
    await page.getByRole('heading', { name: 'First' }).waitFor();
  });

  await step('playback transferred from one device to another goes on there from where it was, and stops here', async () => {
    const player = page.getByRole('contentinfo', { name: 'Player' });
    await page.getByRole('button', { name: 'Play Opening' }).click();
    await page.waitForFunction(() => {
      const [m, s] = (document.querySelector('[data-testid="position"]')?.textContent ?? '0:00').split(':').map(Number);
      return m * 60 + s >= 3;
    });
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const b = await newPage(other);
    await b.goto(albumUrl);
    await signIn(b);
    await b.getByRole('heading', { name: 'First' }).waitFor();
    await b.getByRole('button', { name: 'Devices' }).click();
    await b.getByRole('button', { name: /^Play here/ }).click();
    await b.getByTestId('now-playing').filter({ hasText: 'Opening' }).waitFor();
    const bPosition = await b.getByTestId('position').innerText();
    const [m, sec] = bPosition.split(':').map(Number);
    assert.ok(m * 60 + sec >= 3, `B starts where A had got to (at least 0:03), not at ${bPosition}`);
    await player.getByRole('button', { name: 'Play' }).waitFor(); // A stopped: its button offers to play again
    await b.getByRole('contentinfo', { name: 'Player' }).getByRole('button', { name: 'Pause' }).waitFor();
    await other.close();
  });

  await step('a like on one device appears on another without a reload, and goes away the same way', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const b = await newPage(other);
    await b.goto(albumUrl);
    await signIn(b);
    await b.getByRole('heading', { name: 'First' }).waitFor();
    const onB = b.getByRole('button', { name: /like First$/i });
    assert.equal(await onB.getAttribute('aria-pressed'), 'false');
    await page.getByRole('button', { name: 'Like First' }).click();
    await page.getByRole('button', { name: 'Unlike First' }).waitFor();
    await b.getByRole('button', { name: 'Unlike First' }).waitFor(); // pushed over B's sync socket
    await b.getByRole('button', { name: 'Like Opening' }).click(); // and back the other way, a track this time
    await page.getByRole('button', { name: 'Unlike Opening' }).waitFor();
    await page.getByRole('button', { name: 'Unlike First' }).click();
    await b.getByRole('button', { name: 'Like First' }).waitFor();
    await other.close();
  });

  await step('a playlist made from an album, reordered by dragging and from the keyboard, keeps its order', async () => {
    await page.goto(albumUrl);
    await page.getByRole('button', { name: 'Add to playlist' }).click();
    const menu = page.getByRole('group', { name: 'Add First to a playlist' });
    await menu.getByLabel('New playlist name').fill('Road trip');
    await menu.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('status').filter({ hasText: 'Added to Road trip' }).waitFor();
    await page.getByRole('link', { name: 'Playlists' }).click();
    await page.getByRole('link', { name: 'Road trip' }).click();
    await page.getByRole('heading', { name: 'Road trip' }).waitFor();
    const titles = () => page.getByRole('list', { name: 'Playlist tracks' }).locator('.tracks__title').allInnerTexts();
    assert.deepEqual(await titles(), ['Opening', 'Closing']);
    const rows = page.getByRole('list', { name: 'Playlist tracks' }).getByRole('listitem');
    await rows.nth(1).locator('.drag').dragTo(rows.nth(0));
    await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="Playlist tracks"] .tracks__title')].map((t) => t.textContent).join() === 'Closing,Opening');
    await page.reload();
    await page.getByRole('heading', { name: 'Road trip' }).waitFor();
    await page.getByRole('list', { name: 'Playlist tracks' }).locator('.tracks__title').first().waitFor();
    assert.deepEqual(await titles(), ['Closing', 'Opening'], 'the order the drag made, as the server keeps it');
    await page.getByRole('button', { name: 'Move Closing down' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="Playlist tracks"] .tracks__title')].map((t) => t.textContent).join() === 'Opening,Closing');
    await page.reload();
    await page.getByRole('list', { name: 'Playlist tracks' }).locator('.tracks__title').first().waitFor();
    assert.deepEqual(await titles(), ['Opening', 'Closing']);
  });

  await step('a reload on a deep link keeps the session and the page', async () => {
    await page.goto(albumUrl);
    await page.getByRole('heading', { name: 'First' }).waitFor();
    const response = await page.reload();
    assert.equal(response.status(), 200);
    await page.getByRole('heading', { name: 'First' }).waitFor();
  });

  await step('search as you type finds the artist, its album and tracks', async () => {
    await page.getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.pressSequentially('alph', { delay: 60 });
    await page.getByRole('region', { name: 'Artists found' }).getByRole('link', { name: 'Alpha' }).waitFor();
    await box.fill('');
    await box.pressSequentially('frist', { delay: 60 }); // one typo
    await page.getByRole('region', { name: 'Albums found' }).getByRole('link', { name: /First/ }).waitFor();
    assert.match(page.url(), /\/search\?q=frist$/);
  });

  await step('an album downloaded plays offline, after a reload with the server unreachable', async () => {
    const offline = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const p = await newPage(offline);
    await p.goto(albumUrl);
    await signIn(p);
    await p.getByRole('heading', { name: 'First' }).waitFor();
    await p.evaluate(async () => {
      await navigator.serviceWorker.ready; // the worker installed (it answers the offline reload below)
      return true;
    });
    await p.getByRole('button', { name: 'Download', exact: true }).click();
    await p.getByRole('status').filter({ hasText: /^Downloaded$/ }).waitFor();
    await p.reload(); // the page is now the service worker's
    await p.getByRole('heading', { name: 'First' }).waitFor();
    await offline.setOffline(true);
    await p.reload();
    await p.getByRole('status').filter({ hasText: /Offline/ }).waitFor();
    await p.getByRole('link', { name: 'Downloads' }).click();
    await p.getByRole('list', { name: 'Downloaded albums' }).getByRole('link', { name: 'First' }).click();
    await p.getByRole('heading', { name: 'First' }).waitFor();
    await p.getByRole('button', { name: 'Play Closing' }).click();
    await p.getByTestId('now-playing').filter({ hasText: 'Closing' }).waitFor();
    await p.waitForFunction(() => {
      const [m, s] = (document.querySelector('[data-testid="position"]')?.textContent ?? '0:00').split(':').map(Number);
      return m * 60 + s >= 1;
    });
    await offline.close();
  });

  await step('an admin installs a plugin, enables it (seeing what it asks for) and changes its settings', async () => {
    await page.getByRole('link', { name: 'Plugins' }).click();
    await page.getByRole('heading', { name: 'Plugins' }).waitFor();
    await page.getByRole('button', { name: 'Install lyrics' }).click();
    const state = page.getByTestId('state-lyrics');
    await state.filter({ hasText: 'disabled' }).waitFor();
    const plugin = page.getByRole('list', { name: 'Installed plugins' }).getByRole('listitem').filter({ has: state });
    await plugin.getByRole('list', { name: 'Permissions lyrics asks for' }).waitFor();
    await plugin.getByRole('button', { name: /^Enable / }).click();
    await state.filter({ hasText: 'enabled' }).waitFor();
    await plugin.getByRole('button', { name: 'Settings' }).click();
    const form = plugin.getByRole('form', { name: 'Settings of lyrics' });
    const sidecars = form.getByRole('checkbox', { name: /Sidecar files/ });
    assert.equal(await sidecars.isChecked(), true);
    await sidecars.uncheck();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    assert.equal(await page.getByRole('checkbox', { name: /Sidecar files/ }).isChecked(), false, 'the setting as the server keeps it');
  });

  await step('your stats show the listening summary, the tops and what was played', async () => {
    await page.getByRole('link', { name: 'Your stats' }).click();
    await page.getByRole('heading', { name: 'Your listening' }).waitFor();
    await page.getByLabel('Summary').filter({ hasText: /listens/ }).waitFor();
    for (const title of ['Top tracks', 'Top artists', 'Top albums', 'Top genres']) {
      await page.getByRole('region', { name: title }).waitFor();
    }
    await page.getByLabel('Period').selectOption('all');
    await page.getByLabel('Summary').filter({ hasText: /listens/ }).waitFor();
  });

  await step('the admin sees the server\'s health and libraries, and a scan started here runs to its end', async () => {
    await page.getByRole('link', { name: 'Server', exact: true }).click();
    await page.getByRole('heading', { name: 'Server' }).waitFor();
    await page.getByRole('region', { name: 'Server health' }).getByText('Server is up').waitFor();
    await page.getByRole('list', { name: 'Libraries' }).getByRole('listitem').first().waitFor();
    await page.getByRole('button', { name: 'Full rescan (re-read every file)' }).click();
    await page.getByRole('list', { name: 'Last scans' }).getByText(/\(full\): done/).waitFor({ timeout: 30_000 });
  });

  await step('the theme chosen in settings is drawn, kept by the server, and back to the system\'s', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    assert.equal(await theme(), 'dark', 'this context prefers dark');
    await page.getByLabel('Theme (all your devices)').selectOption('light');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.getByLabel('Theme (all your devices)').selectOption('system');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  });

  await step('an unknown route inside the app says so', async () => {
    await page.goto(base + '/no/such/page');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });

  if (screenshots) {
    await step('screenshots of the main screens, desktop and phone, dark and light', async () => {
      mkdirSync(screenshots, { recursive: true });
      for (const [width, height, device] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
        for (const scheme of ['dark', 'light']) {
          const c = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1 });
          const p = await newPage(c);
          await p.goto(base + '/');
          await signIn(p);
          await p.getByRole('heading', { name: 'Recently added' }).waitFor();
          await p.getByRole('list', { name: 'Albums' }).getByRole('link').first().waitFor();
          await p.screenshot({ path: join(screenshots, `home-${device}-${scheme}.png`) });
          await p.goto(albumUrl);
          await p.getByRole('heading', { name: 'First' }).waitFor();
          await p.screenshot({ path: join(screenshots, `album-${device}-${scheme}.png`) });
          await p.goto(base + '/search?q=alpha');
          await p.getByRole('region', { name: 'Artists found' }).waitFor();
          await p.screenshot({ path: join(screenshots, `search-${device}-${scheme}.png`) });
          await c.close();
        }
      }
      const c = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
      const p = await newPage(c);
      await p.goto(base + '/');
      await p.getByLabel('Username').waitFor();
      await p.screenshot({ path: join(screenshots, 'signin-desktop-dark.png') });
      await c.close();
    });
  }

  console.log(`${steps.length} steps passed`);
} finally {
  await browser.close();
}
