// Issue 8 (the page): errors never lose input, and input never runs as code.
// (a) Pasting HTML with <script>, <img onerror>, javascript: links and <style> runs nothing
//     and changes nothing on the page: everything from it is rendered as text.
// (b) A panic in the page's wasm (a trap: panic=immediate-abort) is caught at the JS boundary:
//     「校验时出现内部错误」 with the details to copy, a fresh module for the next check, and
//     the input exactly as the user left it. The trap is forced with the page's test hook
//     (data-test-panic on <html>, src/web `test_hook`), in the hosted page and the offline file.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, OFFLINE_URL, start, open, rerun, paste } from './lib.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const SAMPLE = readFileSync(join(CORPUS, 'shuangyashan-2021.txt'), 'utf8');

const PAYLOAD = `<style>body{display:none!important} .finding{color:red}</style>
<script>window.__pwned = 'script'</script>
<img src=x onerror="window.__pwned='img'">
<a href="javascript:window.__pwned='link'" id="evil">点我</a>
<svg onload="window.__pwned='svg'"></svg>
<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>
<p>2021年<b onmouseover="window.__pwned='b'">政府信息公开</b>工作年度报告</p>`;

test('(a) pasted HTML with scripts and handlers runs nothing and stays text', async () => {
  const page = await open(env.browser, env.base);
  const html = PAYLOAD + readFileSync(join(CORPUS, '025.html'), 'utf8') + PAYLOAD;
  const plain = SAMPLE + '\n' + PAYLOAD;
  const styleBefore = await page.evaluate(() => document.styleSheets.length);
  await rerun(page, () => paste(page, html, plain));
  // And as typed text, rendered in 报告正文.
  await rerun(page, () => page.fill('#report-input', plain));
  await page.waitForTimeout(500);
  for (const sel of ['#prose', '#findings', '#summary']) {
    await page.hover(sel).catch(() => {});
  }
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
  assert.equal(await page.locator('main script, main img, main iframe, main svg, main style, #evil').count(), 0,
    'no element from the input');
  assert.equal(await page.evaluate(() => document.styleSheets.length), styleBefore, 'no style added');
  assert.ok(await page.isVisible('#report-input'), 'the page is still shown');
  assert.equal(await page.inputValue('#report-input'), plain, 'input as pasted');
  await page.close();
});

for (const [where, url] of [['hosted', () => env.base], ['offline', () => OFFLINE_URL]]) {
  test(`(b) ${where}: a trap shows 校验时出现内部错误, keeps the input and the next check works`, async () => {
    const page = await open(env.browser, url());
    await rerun(page, () => page.fill('#report-input', SAMPLE));
    const typed = SAMPLE + '\n补充一行文字　with spaces\t';
    await page.evaluate(() => document.documentElement.setAttribute('data-test-panic', ''));
    await page.fill('#report-input', typed);
    await page.waitForSelector('#internal-error:not([hidden])', { timeout: 10000 });
    assert.match(await page.textContent('#internal-error'), /校验时出现内部错误/);
    assert.equal(await page.inputValue('#report-input'), typed, 'input exactly as typed');
    assert.ok(await page.isVisible('#copy-details'));
    assert.match(await page.inputValue('#error-details'), /RuntimeError|unreachable/);
    await page.waitForSelector('html[data-restarts="1"]', { timeout: 15000 });
    assert.equal(await page.inputValue('#report-input'), typed, 'input kept after the restart');
    // The fresh module checks the next edit; the old one stays quiet (one result per edit).
    const bad = SAMPLE.replace('（七）总计\n\t93', '（七）总计\n\t90');
    await rerun(page, () => page.fill('#report-input', bad));
    assert.equal(await page.getAttribute('[data-cell="apply.total.natural"]', 'data-fix'), '93');
    assert.equal(await page.locator('#summary').count(), 1);
    assert.ok(await page.isHidden('#internal-error'));
    // A trap while reading a file (an async path) is caught the same way.
    await page.evaluate(() => document.documentElement.setAttribute('data-test-panic', ''));
    await page.setInputFiles('#report-file', join(CORPUS, '012.txt'));
    await page.waitForSelector('#internal-error:not([hidden])', { timeout: 10000 });
    await page.waitForSelector('html[data-restarts="2"]', { timeout: 15000 });
    assert.equal(await page.inputValue('#report-input'), bad, 'input kept');
    await rerun(page, () => page.setInputFiles('#report-file', join(CORPUS, '012.txt')));
    assert.notEqual(await page.getAttribute('#summary', 'data-errors'), '0');
    await page.close();
  });
}
