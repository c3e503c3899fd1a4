// Issue 6: 报告正文 with the sentences of prose findings highlighted, and 上年度报告.
// 025.html: its two T-02 findings are highlighted with their sentences, and clicking one scrolls
// to its sentence. 001 (2021) with 003 (2020) as last year passes X-01; with last year's 结转
// changed the X-01 error shows both values side by side.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, CORPUS, CLI, start, open, rerun, cliJson } from './lib.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('025.html: the T-02 findings are highlighted in 报告正文 with their sentences', async () => {
  const json = cliJson(join(CORPUS, '025.html'))[0];
  const t02 = json.findings.map((f, i) => [f, i]).filter(([f]) => f.rule === 'T-02');
  assert.equal(t02.length, 2, 'the CLI finds two T-02');
  const page = await open(env.browser, env.base);
  await rerun(page, () => page.setInputFiles('#report-file', join(CORPUS, '025.html')));
  assert.ok(await page.isVisible('#prose .prose-text'));
  const findings = page.locator('.finding[data-rule="T-02"]');
  assert.equal(await findings.count(), 2);
  for (let k = 0; k < 2; k++) {
    const f = findings.nth(k);
    const i = await f.getAttribute('data-index');
    const marks = page.locator(`#prose mark[data-findings~="${i}"]`);
    assert.ok(await marks.count() > 0, `finding ${i} highlighted`);
    const text = (await marks.allTextContents()).join('');
    // The message quotes the sentence; the highlight is that sentence.
    const quoted = (await f.locator('.msg').textContent()).match(/“([^”]+)”/)[1];
    assert.ok(quoted.includes(text.trim().slice(0, 8)) || text.includes(quoted.slice(0, 8)),
      `finding ${i}: highlight 「${text}」 is its sentence 「${quoted}」`);
    assert.equal(await marks.first().getAttribute('data-severity'), 'warning');
    // Clicking the finding scrolls to the sentence and flashes it.
    await f.locator('.msg').click();
    await page.waitForSelector(`#prose mark[data-findings~="${i}"].flash`, { timeout: 3000 });
    await page.waitForTimeout(700);
    assert.ok(await marks.first().isVisible());
    const box = await marks.first().boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 768, 'scrolled into view');
    if (k === 0) await page.screenshot({ path: join(ROOT, 'target/screenshots/prose.png') });
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('001 (2021) with 003 (2020) as 上年度报告 passes X-01; a changed 结转 shows both values', async () => {
  const page = await open(env.browser, env.base);
  const cur = readFileSync(join(CORPUS, '001.txt'), 'utf8');
  const prev = readFileSync(join(CORPUS, '003.txt'), 'utf8');
  await rerun(page, () => page.fill('#report-input', cur));
  await page.click('#prev-panel summary');
  await rerun(page, () => page.fill('#prev-input', prev));
  assert.match(await page.textContent('#prev-note'), /2020/);
  assert.equal(await page.locator('.finding[data-rule="X-01"]').count(), 0, 'X-01 holds');
  assert.equal(await page.locator('.finding[data-rule="X-00"]').count(), 0, 'a real pair');
  // Same as the CLI with --prev.
  const cli = JSON.parse(spawn(['check', '--json', '--prev', join(CORPUS, '003.txt'), join(CORPUS, '001.txt')]));
  assert.equal(await page.locator('.finding').count(), cli.files.at(-1).findings.length);

  // Last year's 结转下年度 (四、结转下年度继续办理) changed: X-01 with both values.
  const m = prev.match(/四、结转下年度继续办理[^\d]*(\d)/);
  assert.ok(m, '003 has a 结转 row');
  const at = m.index + m[0].length - 1;
  const changed = prev.slice(0, at) + String((Number(m[1]) + 1) % 10) + prev.slice(at + 1);
  await rerun(page, () => page.fill('#prev-input', changed));
  const x01 = page.locator('.finding[data-rule="X-01"]');
  assert.ok(await x01.count() >= 1, 'X-01 error');
  assert.equal(await x01.first().getAttribute('data-severity'), 'error');
  assert.match(await x01.first().locator('.pair-now').textContent(), /本年度报告.*\d/);
  assert.match(await x01.first().locator('.pair-prev').textContent(), /上年度报告.*\d/);
  const now = await x01.first().locator('.pair-now b').textContent();
  const before = await x01.first().locator('.pair-prev b').textContent();
  assert.notEqual(now, before);
  await x01.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ROOT, 'target/screenshots/x01.png') });
  assert.equal(await page.inputValue('#prev-input'), changed, 'last year as typed');
  assert.deepEqual(page.problems, []);
  await page.close();
});

function spawn(args) {
  return spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
}
