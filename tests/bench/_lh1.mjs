import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve, dist } from '../e2e/harness.mjs';
const ours = await serve(dist, { gzip: true });
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const pages = (process.env.PAGES || '#/papers').split(',');
for (let r = 0; r < Number(process.env.RUNS || 3); r++) for (const h of pages) {
  const { lhr } = await lighthouse(ours.base + h, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const m = lhr.audits.metrics.details.items[0];
  const reqs = lhr.audits['network-requests'].details.items.map((i) => `${i.url.replace(/.*\//, '')}:${Math.round(i.networkRequestTime)}-${Math.round(i.networkEndTime)}:${Math.round(i.transferSize/1024)}K:${i.priority}`);
  console.log(h, 'LCP', Math.round(lhr.audits['largest-contentful-paint'].numericValue), 'obsLCP', m.observedLargestContentfulPaint, 'obsFCP', m.observedFirstContentfulPaint, 'FCP', Math.round(m.firstContentfulPaint));
  console.log('  before obs LCP:', reqs.join(' '));
}
await chrome.kill(); await ours.close(); process.exit(0);
