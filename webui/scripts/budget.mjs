// The first screen's JavaScript budget (issue 16): what index.html loads before the app can draw — its module
// scripts and modulepreloads — gzipped, must stay under 250 kB. Run after `vite build` (npm run build does);
// prints what it measured and fails the build when over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1000;
const out = process.argv[2] ?? 'target/classes/webui';
const html = readFileSync(join(out, 'index.html'), 'utf8');
const urls = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
if (urls.length === 0) {
  console.error(`budget: no script in ${join(out, 'index.html')}`);
  process.exit(1);
}
let total = 0;
for (const url of urls) {
  const size = gzipSync(readFileSync(join(out, url.replace(/^\//, '')))).length;
  total += size;
  console.log(`budget: ${url} ${(size / 1000).toFixed(1)} kB gzipped`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`budget: first screen JavaScript ${(total / 1000).toFixed(1)} kB gzipped, ${verdict} the ${BUDGET_BYTES / 1000} kB budget`);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
