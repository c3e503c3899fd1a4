// End-to-end tests of the page in the machine's Chromium (playwright-core; no browser download).
// scripts/test-web builds dist/ and the CLI first; the page must read every report exactly as the
// CLI does (same core), so expected cells come from `nianbao check --json`.
// Screenshots: target/screenshots/{desktop,mobile}-{empty,sample,errors}.png

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, CORPUS, start, open as openAt, rerun, cliJson, paste,
} from './lib.mjs';

const SHOTS = join(ROOT, 'target/screenshots');
const SAMPLE = readFileSync(join(CORPUS, 'shuangyashan-2021.txt'), 'utf8');
const BAD_SAMPLE = SAMPLE.replace('（七）总计\n\t93', '（七）总计\n\t90');

let env, browser;

function cli(file) {
  return cliJson(file)[0];
}

before(async () => {
  env = await start();
  browser = env.browser;
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await env?.close();
});

async function open(viewport = { width: 1366, height: 768 }) {
  return openAt(browser, env.base, viewport);
}

/// Every rendered cell: key → { value, text }.
async function cells(page) {
  return page.$$eval('[data-cell]', (els) => Object.fromEntries(els.map((e) => [
    e.dataset.cell, { value: e.dataset.value, text: e.querySelector('.val').textContent }])));
}

function sameCells(shown, json, what) {
  const keys = Object.keys(json.cells);
  assert.ok(keys.length > 100, `${what}: CLI read only ${keys.length} cells`);
  for (const k of keys) {
    assert.ok(shown[k], `${what}: cell ${k} not rendered`);
    const want = json.cells[k] === null ? '' : String(json.cells[k]);
    assert.equal(shown[k].value, want, `${what}: ${k}`);
  }
}

test('empty state explains what to do', async () => {
  for (const [name, viewport] of [['desktop', { width: 1366, height: 768 }], ['mobile', { width: 390, height: 844 }]]) {
    const page = await open(viewport);
    assert.equal(await page.getAttribute('body', 'data-state'), 'empty');
    assert.match(await page.textContent('#empty'), /粘贴/);
    assert.ok(await page.isVisible('#load-sample'));
    await page.screenshot({ path: join(SHOTS, `${name}-empty.png`) });
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('(a) the sample, typed in, checks clean and shows its values', async () => {
  const page = await open();
  await rerun(page, () => page.fill('#report-input', SAMPLE));
  assert.equal(await page.getAttribute('#summary', 'data-errors'), '0');
  assert.equal(await page.getAttribute('#summary', 'data-warnings'), '0');
  const json = cli(join(CORPUS, 'shuangyashan-2021.txt'));
  const shown = await cells(page);
  sameCells(shown, json, 'sample');
  // The value as written is what the cell shows.
  for (const [k, v] of Object.entries(json.cells)) {
    if (v !== null && !json.blank.includes(k)) {
      assert.equal(parseFloat(shown[k].text), v, `sample text of ${k}`);
    }
  }
  // No error or warning; the notes (提示, e.g. T-07 length of 总体情况) are the CLI's.
  assert.equal(await page.$$eval('[data-severity="error"], [data-severity="warning"]', (e) => e.length), 0);
  assert.equal(await page.$$eval('.finding', (e) => e.length), json.findings.length);
  assert.match(await page.textContent('#summary'), /双鸭山市/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('载入示例 loads the sample with one click', async () => {
  for (const [name, viewport] of [['desktop', { width: 1366, height: 768 }], ['mobile', { width: 390, height: 844 }]]) {
    const page = await open(viewport);
    await rerun(page, () => page.click('#load-sample-empty'));
    assert.equal(await page.getAttribute('#summary', 'data-errors'), '0');
    assert.equal(await page.inputValue('#report-input'), SAMPLE);
    await page.screenshot({ path: join(SHOTS, `${name}-sample.png`) });
    await page.screenshot({ path: join(SHOTS, `${name}-sample-full.png`), fullPage: true });
    await page.close();
  }
});

test('(b) 93 → 90 in （七）总计·自然人 marks the culprit with fix 93', async () => {
  for (const [name, viewport] of [['desktop', { width: 1366, height: 768 }], ['mobile', { width: 390, height: 844 }]]) {
    const page = await open(viewport);
    await rerun(page, () => page.fill('#report-input', BAD_SAMPLE));
    const summary = await page.$('#summary');
    assert.equal(await summary.getAttribute('data-errors'), String(cli(writeTmp(BAD_SAMPLE)).counts.error));
    const cell = page.locator('[data-cell="apply.total.natural"]');
    assert.equal(await cell.getAttribute('data-culprit'), '');
    assert.equal(await cell.getAttribute('data-severity'), 'error');
    assert.equal(await cell.getAttribute('data-fix'), '93');
    assert.match(await cell.textContent(), /90.*93/);
    assert.match(await cell.getAttribute('title'), /T3-01/);
    // Findings grouped by table, each with its rule and 规则说明.
    const f = page.locator('.finding[data-rule="T3-01"]');
    assert.equal(await f.getAttribute('data-severity'), 'error');
    assert.equal(await f.locator('xpath=ancestor::section[1]').getAttribute('data-table'), '表三');
    await f.locator('summary').click();
    assert.ok(await f.locator('details p').isVisible());
    assert.match(await f.locator('details p').textContent(), /勾稽关系/);
    // Clicking the finding flashes its cells.
    await f.locator('.msg').click();
    await page.waitForSelector('[data-cell="apply.new.natural"].flash', { timeout: 3000 });
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(SHOTS, `${name}-errors.png`) });
    await page.screenshot({ path: join(SHOTS, `${name}-errors-full.png`), fullPage: true });
    // Clicking a flagged cell flashes its findings.
    await cell.click();
    await page.waitForSelector('.finding.flash', { timeout: 3000 });
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

let tmpCount = 0;
/// Writes text for the CLI to read (target/e2e-tmp/, not committed).
function writeTmp(text) {
  const dir = join(ROOT, 'target/e2e-tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `input-${tmpCount++}.txt`);
  writeFileSync(file, text);
  return file;
}

test('(c) pasting text/html reads the tables as the CLI does', async () => {
  const file = join(CORPUS, '025.html');
  const html = readFileSync(file, 'utf8');
  const json = cli(file);
  const page = await open();
  // What Chromium copies as text from that page.
  const view = await browser.newPage();
  await view.setContent(html);
  const innerText = await view.evaluate(() => document.body.innerText);
  await view.close();
  await rerun(page, () => paste(page, html, innerText));
  sameCells(await cells(page), json, '025.html pasted as HTML');
  assert.equal(await page.getAttribute('#summary', 'data-errors'), String(json.counts.error));
  assert.ok((await page.inputValue('#report-input')).length > 100, 'the pasted text is shown');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// What a user gets by selecting the published page and pasting it as plain text: Word cells
// hold <p>s, so every value sits on its own line between blank lines and tabs.
test('(c2) pasting the innerText of 025.html reads the same cells', async () => {
  const file = join(CORPUS, '025.html');
  const json = cli(file);
  const view = await browser.newPage();
  await view.setContent(readFileSync(file, 'utf8'));
  const innerText = await view.evaluate(() => document.body.innerText);
  await view.close();
  const page = await open();
  await rerun(page, () => page.fill('#report-input', innerText));
  sameCells(await cells(page), json, '025.html pasted as innerText');
  await page.close();
});

test('(d) uploading a corpus file through #report-file checks it', async () => {
  const page = await open();
  for (const name of ['017.html', '012.txt']) {
    const file = join(CORPUS, name);
    await rerun(page, () => page.setInputFiles('#report-file', file));
    assert.equal(await page.getAttribute('body', 'data-state'), 'checked');
    sameCells(await cells(page), cli(file), name);
    assert.ok((await page.inputValue('#report-input')).length > 100, `${name}: text shown`);
    assert.match(await page.textContent('#summary'), new RegExp(name.replace('.', '\\.')));
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('(e) an empty or binary file shows a Chinese message and keeps the input', async () => {
  const page = await open();
  await rerun(page, () => page.fill('#report-input', SAMPLE));
  const files = [
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 0xff, 0xfe]) },
    { name: 'random.html', mimeType: 'text/html', buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
  ];
  for (const f of files) {
    await page.setInputFiles('#report-file', f);
    await page.waitForFunction((n) => {
      const m = document.querySelector('#message');
      return !m.hidden && m.textContent.includes(n);
    }, f.name, { timeout: 10000 });
    const msg = await page.textContent('#message');
    assert.match(msg, /[\u4e00-\u9fff]{4,}/, `${f.name}: Chinese message`);
    assert.equal(await page.inputValue('#report-input'), SAMPLE, `${f.name}: input kept`);
    assert.equal(await page.getAttribute('#summary', 'data-errors'), '0', `${f.name}: result kept`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('text that is no report says so in Chinese', async () => {
  const page = await open();
  await rerun(page, () => page.fill('#report-input', '这是一段普通的文字，没有统计表。'));
  assert.equal(await page.getAttribute('body', 'data-state'), 'error');
  assert.match(await page.textContent('#message'), /没有找到/);
  assert.equal(await page.inputValue('#report-input'), '这是一段普通的文字，没有统计表。');
  await page.close();
});
