// Shared by the newer e2e tests: serves dist/ on 127.0.0.1, launches the machine's Chromium,
// opens the hosted page or the offline file, and asks the CLI for what the page must show.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync, crc32 } from 'node:zlib';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.NIANBAO_DIST || join(ROOT, 'dist');
export const CORPUS = join(ROOT, 'tests/fixtures/corpus');
export const OFFICE = join(ROOT, 'tests/fixtures/office');
export const CLI = join(ROOT, 'target/release/nianbao');
export const OFFLINE_URL = pathToFileURL(join(DIST, 'nianbao.html')).href;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/// Starts the server and the browser; returns { base, browser, close }.
export async function start() {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/index.html missing: run ./scripts/build');
  assert.ok(existsSync(CLI), 'target/release/nianbao missing: cargo build --release');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(DIST, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    browser,
    close: async () => { await browser.close(); server.close(); },
  };
}

/// Opens `url` and waits for the page to start; page.problems collects errors.
export async function open(browser, url, viewport = { width: 1366, height: 768 }) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('html[data-ready]', { timeout: 30000 });
  page.problems = problems;
  return page;
}

/// Waits for a new single-report result after `action` (the summary's data-run changes).
export async function rerun(page, action, timeout = 30000) {
  const run = await page.getAttribute('#summary', 'data-run');
  await action();
  await page.waitForFunction(
    (r) => document.querySelector('#summary').getAttribute('data-run') !== r, run, { timeout });
}

/// Every rendered cell: key → value.
export async function cellValues(page) {
  return page.$$eval('[data-cell]', (els) => Object.fromEntries(els.map((e) => [e.dataset.cell, e.dataset.value])));
}

/// The CLI's JSON for files or folders.
export function cliJson(...args) {
  const r = spawnSync(CLI, ['check', '--json', ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.ok(r.stdout, `CLI printed nothing: ${r.stderr}`);
  return JSON.parse(r.stdout).files;
}

/// 通过 / 有错误 / 无法识别, as nianbao::export::status.
export function status(file) {
  if (file.error) return '无法识别';
  return file.counts.error > 0 ? '有错误' : '通过';
}

/// Drops files on the page as a user does (a DataTransfer with File objects).
export async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type || '' }));
    }
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files.map((f) => ({ name: f.name, type: f.type, b64: Buffer.from(f.buffer).toString('base64') })));
}

/// Parses CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks) into records.
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/// Pastes as Word or a browser does: the clipboard's text/html and text/plain.
export async function paste(page, html, text) {
  await page.evaluate(([h, t]) => {
    const dt = new DataTransfer();
    dt.setData('text/html', h);
    dt.setData('text/plain', t);
    const area = document.querySelector('#report-input');
    area.focus();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [html, text]);
}

/// A .zip of `[name, Buffer]` entries (deflated, UTF-8 names), as zip tools write it.
export function makeZip(entries) {
  const local = [], central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8); head.writeUInt32LE(crc, 14); head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22); head.writeUInt16LE(n.length, 26);
    local.push(head, n, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8); dir.writeUInt16LE(8, 10); dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20); dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28); dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    offset += head.length + n.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dirBytes, end]);
}
