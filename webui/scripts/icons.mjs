// Renders the PNG icons of the manifest (and the iOS home-screen icon) from public/icon.svg with Debian's Chromium.
// Run by hand after changing the icon (`node scripts/icons.mjs`); the PNGs are committed, the build does not run it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const pub = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const svg = readFileSync(join(pub, 'icon.svg'), 'utf8');
// maskable: the background fills the square (the platform cuts its own shape) and the mark stays in the middle 80 %
const maskable = svg
  .replace('<rect width="512" height="512" rx="96" fill="#4b2fa8"/>', '<rect width="512" height="512" fill="#4b2fa8"/><g transform="translate(64 64) scale(0.75)">')
  .replace('</svg>', '</g></svg>');
const icons = [
  { file: 'icon-192.png', size: 192, source: svg },
  { file: 'icon-512.png', size: 512, source: svg },
  { file: 'icon-maskable-512.png', size: 512, source: maskable },
  { file: 'apple-touch-icon.png', size: 180, source: maskable }, // iOS rounds the corners itself
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const { file, size, source } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: join(pub, file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`icons: ${file} ${size}×${size}`);
  }
} finally {
  await browser.close();
}
