// What Docusaurus authors write, as readers meet it: an `.mdx` post opened
// from the list, by a link without its extension and by a Docusaurus link
// from another post; its math as MathML (KaTeX's commands included) that
// never widens a phone's page; its code untouched by the MDX pre-pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, newPage, shots, distIndex, appShown, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

const MDX = 'papers/y2025/oct/20251001';
const TITLE = '2025-10-01 papers review';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits for the post's math to be drawn, or marked where it cannot be (the math module loads on demand). */
async function mathDrawn(page) {
  await page.locator('.post-body math').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.post-body code[data-ps-math]:not(.math-failed)'));
}

test('the index lists the .mdx post under its own file name', () => {
  assert.ok(distIndex().posts.some((p) => p.path === `${MDX}.mdx`));
});

test('an .mdx post opens from the list, with its math and its code', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  await page.getByRole('link', { name: TITLE }).first().click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  assert.match(page.url(), new RegExp(`#/post/${MDX}$`), 'the route drops the extension, as Docusaurus URLs do');
  await mathDrawn(page);
  const body = page.locator('.post-body');
  assert.equal(await body.locator('.math-failed').count(), 0, 'every formula renders');
  assert.doesNotMatch(await body.textContent(), /PARSE ERROR|\\ket|\\argmax/);
  assert.match(await body.locator('pre code.language-bash').textContent(), /^export HF_HOME=\$HOME\/\.cache\/hf\nexport WANDB_MODE=offline\n$/);
  assert.equal(await body.getByRole('link', { name: 'www.github.com/deepseek-ai' }).getAttribute('href'), 'http://www.github.com/deepseek-ai');
  await page.close();
});

test('a link to an .mdx post without its extension, and a Docusaurus link to it, open it', async () => {
  const page = await newPage(browser);
  // A deep link: the first view finds the .mdx file too.
  await page.goto(`${server.base}#/post/${MDX}?id=2-dr-grpo-sea-ai`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.locator('[data-first-view]').waitFor({ state: 'detached' });
  const firstView = await page.evaluate(() => performance.getEntriesByName('papershelf:first-view').length);
  assert.equal(firstView, 1, 'the first view drew the .mdx post before the app');
  await page.getByRole('heading', { level: 2, name: /Dr\. GRPO/ }).waitFor();
  assert.ok(await page.getByRole('heading', { level: 2, name: /Dr\. GRPO/ }).isVisible());
  // From another post, as the author wrote it for Docusaurus (`/docs/…` without `.mdx`).
  await page.goto(`${server.base}#/post/papers/y2025/oct/20251022`);
  await page.getByRole('link', { name: '이 달 첫 리뷰' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  assert.equal(await page.locator('.not-found').count(), 0);
  await page.close();
});

test('long formulas scroll in their own box on a phone; the page never widens', async () => {
  const page = await newPage(browser, { width: 390, height: 844 });
  await page.goto(`${server.base}#/post/${MDX}`);
  await mathDrawn(page);
  const widths = await page.evaluate(() => {
    const view = document.documentElement.clientWidth;
    const maths = [...document.querySelectorAll('.post-body math')];
    // Each formula wider than the screen is inside a box that scrolls and fits.
    const unboxed = maths.filter((m) => {
      if (m.scrollWidth <= view) return false;
      for (let el = m; el && el !== document.body; el = el.parentElement) {
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
        if (scrolls && el.getBoundingClientRect().right <= view) return false;
      }
      return true;
    });
    return {
      page: document.documentElement.scrollWidth,
      view,
      wide: maths.filter((m) => m.scrollWidth > view).map((m) => m.getAttribute('display') ?? 'inline'),
      unboxed: unboxed.length,
    };
  });
  assert.deepEqual(widths.wide.sort(), ['block', 'inline'], 'the post has a display and an inline formula wider than the phone');
  assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide on a ${widths.view} px screen`);
  assert.equal(widths.unboxed, 0, 'every wide formula scrolls in a box that fits the screen');
  await page.locator('.post-body math[display="block"]').last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'mdx-math-390.png') });
  await page.close();
});

test('a formula the renderer cannot read stays as marked TeX, never an error dump', async () => {
  const page = await newPage(browser);
  const body = `# ${TITLE}\n\nKnown $\\ket{0}$, unknown $x \\unknowncmd y$ and $\\begin{CD} A @>>> B \\end{CD}$.\n`;
  await page.route(`**/content/${MDX}.mdx`, (route) => route.fulfill({ status: 200, contentType: 'text/markdown; charset=utf-8', body }));
  await page.goto(`${server.base}#/post/${MDX}`);
  await mathDrawn(page);
  const failed = page.locator('.post-body code.math-failed');
  assert.equal(await failed.count(), 2);
  assert.equal(await failed.first().textContent(), 'x \\unknowncmd y');
  assert.equal(await failed.first().getAttribute('title'), w.get('math.unknown'));
  assert.equal(await page.locator('.post-body math').count(), 1, 'the known formula renders');
  assert.equal(await page.locator('.post-body merror').count(), 0);
  assert.doesNotMatch(await page.locator('.post-body').textContent(), /PARSE ERROR|parsing error/);
  await page.close();
});
