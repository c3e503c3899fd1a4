// Issue 5: Word and PDF files in the page. The readers are a second wasm module, loaded only
// when such a file arrives. Picking or dropping tests/fixtures/office/shuangyashan-2021.docx,
// .doc and .pdf (LibreOffice's of shuangyashan-2021.html) shows the same cells as the CLI reads
// from the .html, in the hosted build and in the offline file; the extracted text is put in the
// input; a broken file says why in Chinese and keeps the input.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OFFICE, OFFLINE_URL, start, open, rerun, cellValues, cliJson, dropFiles,
} from './lib.mjs';

const KINDS = ['docx', 'doc', 'pdf'];
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

function sameCells(shown, json, what) {
  const keys = Object.keys(json.cells);
  assert.ok(keys.length > 100, `${what}: CLI read only ${keys.length} cells`);
  for (const k of keys) {
    const want = json.cells[k] === null ? '' : String(json.cells[k]);
    assert.equal(shown[k], want, `${what}: ${k}`);
  }
}

for (const [where, url] of [['hosted', () => env.base], ['offline', () => OFFLINE_URL]]) {
  test(`${where}: picking and dropping .${KINDS.join('/.')} reads the cells of the .html`, async () => {
    const json = cliJson(join(OFFICE, 'shuangyashan-2021.html'))[0];
    const page = await open(env.browser, url());
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const kind of KINDS) {
      const file = join(OFFICE, `shuangyashan-2021.${kind}`);
      await rerun(page, () => page.setInputFiles('#report-file', file));
      sameCells(await cellValues(page), json, `${where} picked .${kind}`);
      const text = await page.inputValue('#report-input');
      assert.ok(json.title && text.includes(json.title), `${where} .${kind}: the extracted text is in the input`);
      assert.match(text, /\t/, `${where} .${kind}: table rows as tab-separated cells`);
      await rerun(page, () => page.fill('#report-input', ''));
      await rerun(page, () => dropFiles(page, [{ name: `shuangyashan-2021.${kind}`, buffer: readFileSync(file) }]));
      sameCells(await cellValues(page), json, `${where} dropped .${kind}`);
    }
    if (where === 'offline') {
      const others = requests.filter((r) => r !== url() && !r.startsWith('data:') && !r.startsWith('blob:'));
      assert.deepEqual(others, [], 'the offline file loads the readers from itself');
    } else {
      assert.ok(requests.some((r) => /readers-[0-9a-f]+\.wasm$/.test(r)), 'the readers module was fetched');
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('the readers module is loaded only when an office file arrives', async () => {
  const page = await open(env.browser, env.base);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await rerun(page, () => page.click('#load-sample'));
  await rerun(page, () => page.setInputFiles('#report-file', join(OFFICE, 'shuangyashan-2021.html')));
  assert.ok(!requests.some((r) => /readers-/.test(r)), 'no readers for text and HTML');
  await page.close();
});

test('a broken .docx says why in Chinese and keeps the input', async () => {
  const page = await open(env.browser, env.base);
  await rerun(page, () => page.click('#load-sample'));
  const before = await page.inputValue('#report-input');
  const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
  await page.setInputFiles('#report-file', { name: '坏文件.docx', mimeType: 'application/octet-stream', buffer: broken });
  await page.waitForFunction(() => {
    const m = document.querySelector('#message');
    return !m.hidden && m.className === 'error' && m.textContent.includes('坏文件.docx');
  }, null, { timeout: 30000 });
  assert.match(await page.textContent('#message'), /[\u4e00-\u9fff]{4,}/);
  assert.equal(await page.inputValue('#report-input'), before, 'input kept');
  assert.equal(await page.getAttribute('#summary', 'data-errors'), '0', 'result kept');
  await page.close();
});

test('office files in a batch are read in the worker', async () => {
  const page = await open(env.browser, env.base);
  const files = [join(OFFICE, 'shuangyashan-2021.docx'), join(OFFICE, 'shuangyashan-2021.html')];
  await page.setInputFiles('#report-file', files);
  await page.waitForFunction(() => document.querySelector('#batch').getAttribute('data-files') === '2', null, { timeout: 60000 });
  const rows = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) =>
    [tr.querySelector('[data-key="name"]').textContent, tr.querySelector('[data-key="status"]').textContent,
      tr.querySelector('[data-key="body"]').textContent]));
  assert.equal(rows.length, 2);
  assert.equal(rows[0][1], rows[1][1], 'same status for .docx and .html');
  assert.equal(rows[0][2], rows[1][2], 'same body for .docx and .html');
  assert.notEqual(rows[0][1], '无法识别');
  await page.close();
});
