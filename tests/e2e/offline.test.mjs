// Issue 4: the page hosted anywhere and opened offline. In the machine's Chromium (playwright-core):
// dist/nianbao.html opened via file:// checks the sample and a mutated sample without a single
// request beyond the file itself; a copy saved after use (the DOM serialised, and the file copied)
// starts clean and checks again; dist/ served from a sub-path with the CSP as a header works.
// scripts/test-web builds dist/ (./scripts/build) first.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync, existsSync, copyFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.NIANBAO_DIST || join(ROOT, 'dist');
const OFFLINE = join(DIST, 'nianbao.html');
const WORK = join(ROOT, 'target/e2e-offline');
const SAMPLE = readFileSync(join(ROOT, 'tests/fixtures/corpus/shuangyashan-2021.txt'), 'utf8');
const BAD_SAMPLE = SAMPLE.replace('（七）总计\n\t93', '（七）总计\n\t90');
const SUB = '/zwgk/nianbao/';

let browser;

before(async () => {
  assert.ok(existsSync(OFFLINE), 'dist/nianbao.html missing: run ./scripts/build');
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'copy'), { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => { await browser?.close(); });

/// Opens `url` recording every request and every error (CSP violations are console errors).
async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.requests = [];
  page.problems = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('pageerror', (e) => page.problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  await page.goto(url);
  await until(page, async () => (await page.locator('html[data-ready]').count()) > 0,
    `${url} to start`, 30000);
  return page;
}

/// Polls from the test (nothing evaluated in the page, whose CSP allows only its own scripts).
async function until(page, ok, what, timeout = 15000) {
  const end = Date.now() + timeout;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${page.problems.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function rerun(page, action) {
  const run = await page.getAttribute('#summary', 'data-run');
  await action();
  await until(page, async () => (await page.getAttribute('#summary', 'data-run')) !== run, 'a new result');
}

/// A fresh page: one of each part, nothing left of an earlier run.
async function assertClean(page, what) {
  assert.equal(await page.getAttribute('body', 'data-state'), 'empty', `${what}: state`);
  for (const sel of ['.masthead', '#report-input', '#summary', '#findings', '#tables', 'main', 'footer']) {
    assert.equal(await page.locator(sel).count(), 1, `${what}: one ${sel}`);
  }
  assert.equal(await page.inputValue('#report-input'), '', `${what}: empty input`);
  assert.equal(await page.locator('[data-cell]').count(), 0, `${what}: no stale tables`);
  assert.equal(await page.locator('.finding').count(), 0, `${what}: no stale findings`);
  assert.equal(await page.getAttribute('#summary', 'data-errors'), null, `${what}: no stale counts`);
  assert.ok(await page.isVisible('#empty'), `${what}: instructions shown`);
  assert.equal(await page.locator('.no-wasm').count(), 0, `${what}: no WebAssembly notice`);
}

/// The sample checks clean; 93 → 90 in （七）总计·自然人 flags that cell with fix 93.
async function checkReports(page, what) {
  await rerun(page, () => page.click('#load-sample'));
  assert.equal(await page.getAttribute('#summary', 'data-errors'), '0', `${what}: sample`);
  assert.ok(await page.locator('[data-cell]').count() > 100, `${what}: sample tables`);
  await rerun(page, () => page.fill('#report-input', BAD_SAMPLE));
  assert.notEqual(await page.getAttribute('#summary', 'data-errors'), '0', `${what}: mutated sample`);
  const cell = page.locator('[data-cell="apply.total.natural"]');
  assert.equal(await cell.getAttribute('data-culprit'), '', `${what}: culprit`);
  assert.equal(await cell.getAttribute('data-fix'), '93', `${what}: fix`);
}

function onlyItself(page, url, what) {
  // data: URLs (the empty favicon) are not requests to anyone.
  const others = page.requests.filter((r) => r !== url && !r.startsWith('data:'));
  assert.deepEqual(others, [], `${what}: requests beyond the file itself`);
}

test('the offline file works from file:// with no request beyond itself', async () => {
  const html = readFileSync(OFFLINE, 'utf8');
  assert.doesNotMatch(html, /<script[^>]+type="module"/, 'no module scripts');
  assert.doesNotMatch(html, /(?:src|href)="(?!data:)[^"#]/, 'no references to other files');
  assert.doesNotMatch(html, /<a [^>]*id="offline-link"/, 'no download link in the offline file itself');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(csp, 'CSP meta');
  assert.match(csp[1], /default-src 'none'/);
  assert.match(csp[1], /'wasm-unsafe-eval' 'unsafe-eval'/);
  assert.doesNotMatch(csp[1], /https?:|'self'|\*/, 'no network source in the CSP');

  const url = pathToFileURL(OFFLINE).href;
  const page = await open(url);
  await assertClean(page, 'offline');
  await checkReports(page, 'offline');
  onlyItself(page, url, 'offline');
  assert.deepEqual(page.problems, []);

  // Save as → HTML only (the DOM serialised) and Save as → complete (the file copied).
  const saved = join(WORK, 'saved.html');
  writeFileSync(saved, await page.content());
  copyFileSync(OFFLINE, join(WORK, 'copy', '年度报告校验.html'));
  await page.close();

  for (const file of [saved, join(WORK, 'copy', '年度报告校验.html')]) {
    const again = pathToFileURL(file).href;
    const p = await open(again);
    await assertClean(p, file);
    await checkReports(p, file);
    onlyItself(p, again, file);
    assert.deepEqual(p.problems, [], file);
    await p.close();
  }
});

test('browsers without WebAssembly get a Chinese notice', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => { delete window.WebAssembly; });
  const problems = page.problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(pathToFileURL(OFFLINE).href);
  await until(page, async () => (await page.locator('.no-wasm').count()) > 0, 'the notice');
  assert.match(await page.textContent('.no-wasm'), /WebAssembly/);
  assert.match(await page.textContent('.no-wasm'), /浏览器/);
  assert.equal(await page.getAttribute('body', 'data-state'), 'unsupported');
  assert.equal(await page.isVisible('#report-input'), false);
  await page.close();
});

test('the hosted page opened from disk points to the offline file', async () => {
  const page = await browser.newPage();
  page.problems = [];
  await page.goto(pathToFileURL(join(DIST, 'index.html')).href);
  await until(page, async () => (await page.locator('.no-wasm').count()) > 0, 'the notice');
  assert.match(await page.textContent('.no-wasm'), /下载离线版/);
  assert.equal(await page.getAttribute('body', 'data-state'), 'unsupported');
  await page.close();
});

/// The hosted build's policy: the offline one with 'self' for the page's own files, inline
/// scripts by hash.
function hostedCsp() {
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const hashes = [...index.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  assert.ok(hashes.length >= 2, 'inline scripts in dist/index.html');
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')} 'wasm-unsafe-eval' 'unsafe-eval'`,
    "style-src 'self'", "connect-src 'self'", "img-src 'self' data:", "worker-src 'self'",
    "base-uri 'none'", "form-action 'none'",
  ].join('; ');
}

test('dist/ served from a sub-path with the CSP as a header works', async () => {
  const csp = hostedCsp();
  const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript',
    '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(SUB)) { res.writeHead(404); res.end(); return; }
    const rel = path.slice(SUB.length) || 'index.html';
    const file = join(DIST, rel);
    if (!file.startsWith(DIST) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'content-security-policy': csp });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const base = `http://127.0.0.1:${server.address().port}${SUB}`;
    const page = await open(base);
    await assertClean(page, 'hosted');
    await checkReports(page, 'hosted');
    // The batch worker (worker-src 'self') and the readers module (connect-src 'self') under
    // the header's CSP.
    await page.setInputFiles('#report-file', [join(ROOT, 'tests/fixtures/corpus/001.txt'),
      join(ROOT, 'tests/fixtures/office/shuangyashan-2021.docx')]);
    await until(page, async () => (await page.getAttribute('#batch', 'data-files')) === '2', 'the batch', 60000);
    const statuses = await page.locator('#batch-table td[data-key="status"]').allTextContents();
    assert.deepEqual(statuses, ['通过', '通过']);
    const outside = page.requests.filter((r) => !r.startsWith(base) && !r.startsWith('data:'));
    assert.deepEqual(outside, [], 'requests outside the sub-path');
    assert.deepEqual(page.problems, []);
    // 下载离线版 offers the single file, from the same directory.
    const link = page.locator('#offline-link');
    assert.ok(await link.isVisible());
    assert.equal(await link.getAttribute('download'), 'nianbao.html');
    const href = await link.evaluate((a) => a.href);
    assert.equal(href, `${base}nianbao.html`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const got = join(WORK, 'downloaded.html');
    await download.saveAs(got);
    assert.equal(readFileSync(got, 'utf8'), readFileSync(OFFLINE, 'utf8'));
    await page.close();
  } finally {
    server.close();
  }
});
