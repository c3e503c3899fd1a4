// Issue 7: the batch view. Dropping every corpus report shows one row per report with the CLI's
// status and counts (the same body's consecutive years paired in both); the table sorts and
// filters; a row opens that report's single view and 返回 comes back; the findings CSV starts
// with the UTF-8 BOM and has one row per finding. Also prints a figure: files per second in the
// page's worker over the corpus repeated to 230 files (not an assertion).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, CORPUS, OFFICE, OFFLINE_URL, start, open, cliJson, status, dropFiles, parseCsv, makeZip,
} from './lib.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const NAMES = readdirSync(CORPUS).filter((n) => /\.(txt|html)$/.test(n)).sort();
const FILES = NAMES.map((name) => ({ name, buffer: readFileSync(join(CORPUS, name)) }));

async function finished(page, n, timeout = 120000) {
  await page.waitForFunction((k) => document.querySelector('#batch').getAttribute('data-files') === String(k),
    n, { timeout });
}

async function rows(page) {
  return page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => {
    const o = {};
    for (const td of tr.cells) o[td.dataset.key] = td.textContent;
    o.index = tr.dataset.index;
    return o;
  }));
}

test('dropping the corpus shows one row per report with the CLI status', async () => {
  const cli = cliJson(...NAMES.map((n) => join(CORPUS, n)));
  const page = await open(env.browser, env.base);
  await dropFiles(page, FILES);
  await finished(page, FILES.length);
  assert.equal(await page.getAttribute('body', 'data-batch'), 'list');
  const shown = await rows(page);
  assert.equal(shown.length, cli.length, 'one row per report');
  const byName = Object.fromEntries(shown.map((r) => [r.name, r]));
  for (const f of cli) {
    const name = f.path.split('/').pop();
    const r = byName[name];
    assert.ok(r, `${name}: row`);
    assert.equal(r.status, status(f), `${name}: status`);
    if (!f.error) {
      assert.equal(r.errors, String(f.counts.error), `${name}: errors`);
      assert.equal(r.warnings, String(f.counts.warning), `${name}: warnings`);
      assert.equal(r.infos, String(f.counts.info), `${name}: infos`);
      assert.equal(r.year, f.year === null ? '未识别' : String(f.year), `${name}: year`);
    }
  }
  mkdirSync(join(ROOT, 'target/screenshots'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'target/screenshots/batch.png'), fullPage: true });

  // Sorting by 错误 (descending after two clicks) puts the most errors first.
  await page.click('#batch-table th[data-key="errors"] button');
  await page.click('#batch-table th[data-key="errors"] button');
  assert.equal(await page.getAttribute('#batch-table th[data-key="errors"]', 'aria-sort'), 'descending');
  const sorted = (await rows(page)).map((r) => Number(r.errors) || 0);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a));
  // Filtering by status and by text.
  await page.selectOption('#batch-filter-status', '有错误');
  const bad = await rows(page);
  assert.equal(bad.length, cli.filter((f) => status(f) === '有错误').length);
  assert.ok(bad.every((r) => r.status === '有错误'));
  await page.selectOption('#batch-filter-status', '');
  await page.fill('#batch-search', '025');
  assert.deepEqual((await rows(page)).map((r) => r.name), ['025.html']);
  await page.fill('#batch-search', '');

  // The findings CSV: BOM, header, one record per finding.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-findings')]);
  const csvPath = join(ROOT, 'target/e2e-tmp/findings.csv');
  mkdirSync(join(ROOT, 'target/e2e-tmp'), { recursive: true });
  await download.saveAs(csvPath);
  const bytes = readFileSync(csvPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const records = parseCsv(bytes.toString('utf8').slice(1));
  assert.equal(records[0][0], '文件');
  const total = cli.reduce((n, f) => n + f.findings.length, 0);
  assert.equal(records.length - 1, total, 'one row per finding');
  // The summary CSV: one row per file.
  const [sum] = await Promise.all([page.waitForEvent('download'), page.click('#export-summary')]);
  await sum.saveAs(join(ROOT, 'target/e2e-tmp/summary.csv'));
  const summary = parseCsv(readFileSync(join(ROOT, 'target/e2e-tmp/summary.csv'), 'utf8').slice(1));
  assert.equal(summary.length - 1, cli.length);
  // JSON in the CLI's shape.
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  await json.saveAs(join(ROOT, 'target/e2e-tmp/batch.json'));
  const files = JSON.parse(readFileSync(join(ROOT, 'target/e2e-tmp/batch.json'), 'utf8')).files;
  assert.equal(files.length, cli.length);
  assert.deepEqual(files.map((f) => f.counts), cli.map((f) => f.counts));

  // A row opens the single view (003.txt, 2020, has errors); 返回 comes back to the table.
  const cli003 = cli.find((f) => f.path.endsWith('/003.txt'));
  await page.click('#batch-table tbody tr:has(td[data-key="name"]:text-is("003.txt"))');
  await page.waitForFunction(() => document.body.getAttribute('data-batch') === 'detail'
    && document.querySelector('#summary').textContent.includes('003.txt'), null, { timeout: 15000 });
  assert.equal(await page.getAttribute('#summary', 'data-errors'), String(cli003.counts.error));
  assert.ok(await page.isVisible('#batch-back'));
  assert.ok(!(await page.isVisible('#batch')));
  await page.click('#batch-back');
  assert.ok(await page.isVisible('#batch-table'));
  assert.equal((await rows(page)).length, cli.length);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('cross-year pairs in a batch: 001 (2021) is compared with 003 (2020)', async () => {
  const names = ['001.txt', '003.txt'];
  const cli = cliJson(...names.map((n) => join(CORPUS, n)));
  const page = await open(env.browser, env.base);
  await page.setInputFiles('#report-file', names.map((n) => join(CORPUS, n)));
  await finished(page, 2);
  const shown = await rows(page);
  for (const f of cli) {
    const r = shown.find((x) => f.path.endsWith('/' + x.name));
    assert.equal(r.errors, String(f.counts.error), r.name);
    assert.equal(r.infos, String(f.counts.info), r.name);
  }
  // 001 opens with 003 as 上年度报告.
  await page.click('#batch-table tbody tr:has(td[data-key="name"]:text-is("001.txt"))');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('001.txt'), null, { timeout: 15000 });
  assert.match(await page.inputValue('#prev-input'), /2020/);
  const json001 = cli.find((f) => f.path.endsWith('/001.txt'));
  assert.equal(await page.$$eval('.finding', (e) => e.length), json001.findings.length);
  await page.close();
});

test('the batch runs in the offline file from file:// (blob worker, CSP)', async () => {
  const page = await open(env.browser, OFFLINE_URL);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const names = ['001.txt', '012.txt', '025.html'];
  await page.setInputFiles('#report-file', names.map((n) => join(CORPUS, n)));
  await finished(page, 3);
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.status), cliJson(...names.map((n) => join(CORPUS, n))).map(status));
  const outside = requests.filter((r) => !r.startsWith('blob:') && !r.startsWith('data:') && r !== OFFLINE_URL);
  assert.deepEqual(outside, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a .zip of reports (in folders, with a .docx) is checked as its files', async () => {
  const names = ['001.txt', '012.html', '030.txt'];
  const zip = makeZip([
    ...names.map((n) => [`年度报告/${n}`, readFileSync(join(CORPUS, n))]),
    ['年度报告/说明.png', Buffer.from('not a report')],
    ['word/shuangyashan-2021.docx', readFileSync(join(OFFICE, 'shuangyashan-2021.docx'))],
  ]);
  const cli = cliJson(...names.map((n) => join(CORPUS, n)), join(OFFICE, 'shuangyashan-2021.html'));
  const page = await open(env.browser, env.base);
  await page.setInputFiles('#report-file', { name: '报告.zip', mimeType: 'application/zip', buffer: zip });
  await finished(page, 4, 60000);
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.name).sort(),
    ['报告.zip/word/shuangyashan-2021.docx', ...names.map((n) => `报告.zip/年度报告/${n}`)].sort());
  for (const r of shown) {
    const base = r.name.split('/').pop().replace('.docx', '.html');
    const f = cli.find((x) => x.path.endsWith('/' + base));
    assert.equal(r.status, status(f), r.name);
    assert.equal(r.errors, String(f.counts.error), r.name);
  }
  // A damaged .zip says so in its row.
  await page.setInputFiles('#report-file', { name: '坏.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\x03\x04broken') });
  await finished(page, 1, 60000);
  const bad = await rows(page);
  assert.equal(bad[0].status, '无法识别');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('figure: files per second in the worker (corpus ×10)', async () => {
  const page = await open(env.browser, env.base);
  const many = [];
  for (let k = 0; k < 10; k++) for (const f of FILES) many.push({ name: `${k}-${f.name}`, buffer: f.buffer });
  await dropFiles(page, many);
  await finished(page, many.length, 600000);
  const fps = await page.getAttribute('#batch', 'data-files-per-second');
  const ms = await page.getAttribute('#batch', 'data-ms');
  console.log(`# batch: ${many.length} files in ${ms} ms in the page's worker = ${fps} files/s`);
  // The tab stayed responsive: the table can be sorted at once.
  await page.click('#batch-table th[data-key="name"] button');
  await page.close();
});
