/* The page's JavaScript side (the single-report view is Rust: src/web). Here: the Word/PDF
   readers for the page (window.nianbao.extract, called by src/web), and the batch view: many
   files (selected, dropped, a folder or a .zip) checked in a Web Worker on the second wasm
   module (examples/readers.rs, the core with the office readers), summarised in a sortable, filterable table with CSV/JSON exports. scripts/offline.py puts
   www/readers-loader.js and the readers' glue in front of this file. Everything from the input
   reaches the page as text nodes (textContent), never as markup. ES5 (Chromium 86). */
(function () {
  'use strict';
  var root = document.documentElement;
  var inlineReaders = document.getElementById('nianbao-readers');
  var readersSource = inlineReaders
    ? { b64: inlineReaders.textContent }
    : { url: new URL(root.getAttribute('data-readers') || 'readers.wasm', document.baseURI).href };
  var readers = new NianbaoReaders(readersSource);
  window.nianbao = { extract: function (bytes) { return readers.extract(bytes); } };

  var $ = function (id) { return document.getElementById(id); };
  var REPORT = /\.(txt|html?|docx?|pdf|zip)$/i;
  var ZIP = /\.zip$/i;
  var batch = null; // { files, rows, done, cancelled, started, worker state }
  var worker = null, workerReady = null, waiting = {}, seq = 0;
  var sortKey = 'index', sortDir = 1;

  /* ---- the worker ---- */

  function workerUrl() {
    var src = $('nianbao-worker');
    if (src) return URL.createObjectURL(new Blob([src.textContent], { type: 'text/javascript' }));
    return new URL(root.getAttribute('data-worker') || 'worker.js', document.baseURI).href;
  }

  function startWorker() {
    if (workerReady) return workerReady;
    workerReady = new Promise(function (ok, fail) {
      worker = new Worker(workerUrl());
      worker.onmessage = function (e) {
        var m = e.data;
        if (m.type === 'ready') ok();
        else if (m.type === 'fatal') { fail(new Error(m.message)); onFatal(m.message); }
        else if (waiting[m.seq]) { var f = waiting[m.seq]; delete waiting[m.seq]; f(m); }
      };
      worker.onerror = function (e) { e.preventDefault(); fail(e); onFatal(e.message); };
      worker.postMessage({ type: 'init', readers: readersSource });
    });
    return workerReady;
  }

  /* Sends a request; the worker answers each with its `seq` (a stale batch's answers find no
     one waiting). */
  function ask(msg) {
    return new Promise(function (ok) {
      msg.seq = ++seq;
      waiting[msg.seq] = ok;
      worker.postMessage(msg);
    });
  }

  function onFatal(message) {
    if (worker) worker.terminate();
    worker = null; workerReady = null; waiting = {};
    if (batch && !batch.done) {
      batch.done = true;
      status('批量检查中断：' + (message || '未知错误') + '。已检查的结果如下，可重新选择文件再试。');
      render();
    }
  }

  /* ---- starting a batch ---- */

  function displayName(f) {
    return f.nianbaoPath || f.webkitRelativePath || f.name;
  }

  function isZip(f) { return ZIP.test(f.name) && !f.nianbaoError; }

  /* A .zip of reports becomes its entries (read by the readers module, on the page). */
  function expandZips(files) {
    return Promise.all(files.map(function (f) {
      if (!isZip(f)) return [f];
      return f.arrayBuffer().then(function (buf) { return readers.unzip(new Uint8Array(buf)); }).then(function (list) {
        return list.map(function (pair) {
          var ok = typeof pair[1] !== 'string';
          var entry = new File([ok ? pair[1] : new Uint8Array(0)], pair[0].split('/').pop());
          entry.nianbaoPath = displayName(f) + '/' + pair[0];
          if (!ok) entry.nianbaoError = pair[1];
          return entry;
        });
      }, function (msg) {
        var bad = new File([new Uint8Array(0)], f.name);
        bad.nianbaoPath = displayName(f);
        bad.nianbaoError = String(msg);
        return [bad];
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  function startBatch(files) {
    if (files.some(isZip)) {
      showView('list');
      status('正在解压 zip 文件……');
      expandZips(files).then(startBatch);
      return;
    }
    if (!files.length) {
      showView('list');
      status('所选位置中没有可检查的报告文件（.txt、.html、.docx、.doc、.pdf）。');
      return;
    }
    if (batch && !batch.done) batch.cancelled = true;
    var b = batch = { files: files, rows: [], done: false, cancelled: false, started: Date.now(), checked: 0 };
    ['data-files', 'data-ms', 'data-files-per-second'].forEach(function (a) { $('batch').removeAttribute(a); });
    showView('list');
    setExports(false);
    $('batch-cancel').disabled = false;
    $('batch-progress').max = files.length;
    $('batch-progress').value = 0;
    status('正在检查 ' + files.length + ' 个文件……');
    render();
    startWorker().then(function () {
      worker.postMessage({ type: 'reset' });
      return next(b, 0);
    }).catch(function (e) { onFatal(e && e.message); });
  }

  function next(b, i) {
    if (b !== batch) return null;
    if (i >= b.files.length || b.cancelled) return finish(b);
    var f = b.files[i];
    return ask({ type: 'file', id: i, name: displayName(f), file: f, error: f.nianbaoError }).then(function (m) {
      if (b !== batch) return null;
      b.rows[i] = JSON.parse(m.row);
      b.checked = i + 1;
      $('batch-progress').value = i + 1;
      status('已检查 ' + (i + 1) + ' / ' + b.files.length + ' 个文件……');
      // Redraw now and then, not for every file.
      if (i < 20 || i % 25 === 0) render();
      return next(b, i + 1);
    });
  }

  function finish(b) {
    return ask({ type: 'finish' }).then(function (m) {
      if (b !== batch) return;
      b.rows = JSON.parse(m.rows);
      b.done = true;
      b.ms = Date.now() - b.started;
      var n = b.rows.length;
      var fps = n / Math.max(b.ms / 1000, 0.001);
      var batchEl = $('batch');
      batchEl.setAttribute('data-files', String(n));
      batchEl.setAttribute('data-ms', String(b.ms));
      batchEl.setAttribute('data-files-per-second', fps.toFixed(1));
      var counts = {};
      b.rows.forEach(function (r) { counts[r.status] = (counts[r.status] || 0) + 1; });
      var parts = ['通过', '有错误', '无法识别'].map(function (s) { return s + ' ' + (counts[s] || 0) + ' 个'; });
      status((b.cancelled ? '已取消：检查了 ' + n + ' / ' + b.files.length + ' 个文件。' : '检查完毕：共 ' + n + ' 个文件，') +
        parts.join('，') + '。点击一行查看该报告的详细结果。');
      $('batch-cancel').disabled = true;
      setExports(n > 0);
      render();
    });
  }

  function status(text) { $('batch-status').textContent = text; }

  function setExports(on) {
    ['export-summary', 'export-findings', 'export-json', 'batch-print'].forEach(function (id) { $(id).disabled = !on; });
  }

  /* ---- the table ---- */

  var KEYS = ['name', 'body', 'year', 'format', 'errors', 'warnings', 'infos', 'status'];
  var NUMERIC = { year: 1, errors: 1, warnings: 1, infos: 1, index: 1 };

  function render() {
    var b = batch;
    var tbody = $('batch-table').tBodies[0];
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    if (!b) return;
    var want = $('batch-filter-status').value;
    var q = $('batch-search').value.trim().toLowerCase();
    var rows = b.rows.filter(function (r) {
      if (!r) return false;
      if (want && r.status !== want) return false;
      if (q && (r.name + ' ' + (r.body || '')).toLowerCase().indexOf(q) < 0) return false;
      return true;
    });
    rows.sort(function (x, y) {
      var a = x[sortKey], c = y[sortKey], d;
      if (a === null || a === undefined) a = NUMERIC[sortKey] ? -Infinity : '';
      if (c === null || c === undefined) c = NUMERIC[sortKey] ? -Infinity : '';
      d = NUMERIC[sortKey] ? a - c : String(a).localeCompare(String(c), 'zh-CN');
      return d * sortDir || x.index - y.index;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-index', String(r.index));
      tr.setAttribute('data-status', r.status);
      tr.tabIndex = 0;
      KEYS.forEach(function (k) {
        var td = document.createElement('td');
        var v = r[k];
        td.setAttribute('data-key', k);
        if (k === 'status') {
          var s = document.createElement('span');
          s.className = 'st st-' + v;
          s.textContent = v;
          if (r.error) s.title = r.error;
          td.appendChild(s);
        } else if (k === 'errors' || k === 'warnings' || k === 'infos') {
          td.className = 'n' + (v ? '' : ' zero');
          td.textContent = r.error ? '—' : String(v);
        } else {
          td.textContent = v === null || v === undefined ? '未识别' : String(v);
          if (k === 'name' && r.error) td.title = r.error;
        }
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);
    $('batch-shown').textContent = b.rows.length ? '显示 ' + rows.length + ' / ' + b.rows.filter(Boolean).length + ' 个' : '';
    var ths = $('batch-table').tHead.rows[0].cells;
    for (var i = 0; i < ths.length; i++) {
      var k = ths[i].getAttribute('data-key');
      ths[i].setAttribute('aria-sort', k === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
    }
  }

  function showView(view) {
    if (view) document.body.setAttribute('data-batch', view);
    else document.body.removeAttribute('data-batch');
    $('batch').hidden = view !== 'list';
    $('back-bar').hidden = view !== 'detail';
  }

  function openRow(tr) {
    var b = batch;
    var i = Number(tr.getAttribute('data-index'));
    var r = b && b.rows[i];
    if (!r) return;
    showView('detail');
    $('back-name').textContent = r.name;
    var prev = r.prev === null || r.prev === undefined ? null : b.files[r.prev];
    window.wasmBindings.open_files(b.files[i], prev);
    window.scrollTo(0, 0);
  }

  /* ---- exports ---- */

  function download(text, name, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function exportAs(kind) {
    if (!batch || !batch.done || !worker) return;
    ask({ type: 'export', kind: kind }).then(function (m) {
      if (kind === 'json') download(m.text, '年度报告校验结果.json', 'application/json');
      else download(m.text, kind === 'summary' ? '年度报告校验汇总.csv' : '年度报告校验问题清单.csv', 'text/csv;charset=utf-8');
    });
  }

  /* ---- files from inputs and drops ---- */

  function fromEntries(entries) {
    var out = [];
    function walk(entry, path) {
      if (entry.isFile) {
        return new Promise(function (ok) {
          entry.file(function (f) {
            if (REPORT.test(f.name)) { try { f.nianbaoPath = path + f.name; } catch (e) { /* frozen */ } out.push(f); }
            ok();
          }, function () { ok(); });
        });
      }
      if (!entry.isDirectory) return Promise.resolve();
      var reader = entry.createReader(), all = [];
      return new Promise(function (ok) {
        (function more() {
          reader.readEntries(function (list) {
            if (!list.length) { ok(all); return; }
            all = all.concat(Array.prototype.slice.call(list));
            more();
          }, function () { ok(all); });
        })();
      }).then(function (list) {
        list.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
        return list.reduce(function (p, en) {
          return p.then(function () { return walk(en, path + entry.name + '/'); });
        }, Promise.resolve());
      });
    }
    return entries.reduce(function (p, en) { return p.then(function () { return walk(en, ''); }); }, Promise.resolve())
      .then(function () { return out; });
  }

  function sorted(list) {
    return list.sort(function (a, b) {
      var x = displayName(a), y = displayName(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  // Capture phase: many files go to the batch view before the single-file handlers see them.
  window.addEventListener('change', function (e) {
    var t = e.target;
    if (!t || (t.id !== 'report-file' && t.id !== 'report-folder')) return;
    var files = Array.prototype.slice.call(t.files || []);
    if (t.id === 'report-file' && files.length <= 1 && !(files[0] && ZIP.test(files[0].name))) return;
    e.stopImmediatePropagation();
    if (t.id === 'report-folder') files = files.filter(function (f) { return REPORT.test(f.name); });
    t.value = '';
    startBatch(sorted(files));
  }, true);

  window.addEventListener('drop', function (e) {
    var dt = e.dataTransfer;
    if (!dt) return;
    var entries = [], dir = false, i;
    for (i = 0; dt.items && i < dt.items.length; i++) {
      var it = dt.items[i];
      var en = it.kind === 'file' && it.webkitGetAsEntry ? it.webkitGetAsEntry() : null;
      if (en) { entries.push(en); if (en.isDirectory) dir = true; }
    }
    var files = Array.prototype.slice.call(dt.files || []);
    // One file: the single-report view (a .zip always goes to the batch view).
    if (!dir && files.length <= 1 && !(files[0] && ZIP.test(files[0].name))) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    document.body.classList.remove('dragging');
    if (dir) fromEntries(entries).then(function (list) { startBatch(sorted(list)); });
    else startBatch(sorted(files));
  }, true);

  /* ---- internal errors ---- */

  // The page's wasm is built with panic=immediate-abort: a panic is a trap, a RuntimeError
  // thrown out of whatever JS called into the module (an event, a timer, a promise). Caught
  // here: the message, the details to copy, and a fresh instance of the module for the next
  // check (window.nianbaoRestart, scripts/offline.py). The old instance's listeners go quiet
  // (src/web: `alive`); the input is never touched.
  var restarting = false;
  function onTrap(err) {
    var details = '内部错误：' + String(err && err.message || err) + '\n' + String(err && err.stack || '') +
      '\n页面：' + location.pathname.split('/').pop() + '\n浏览器：' + navigator.userAgent;
    $('error-details').value = details;
    $('internal-error').hidden = false;
    if (restarting || !window.nianbaoRestart) return;
    restarting = true;
    window.nianbaoGeneration = (window.nianbaoGeneration || 0) + 1;
    root.setAttribute('data-recovered', '');
    window.nianbaoRestart().then(function () {
      restarting = false;
      root.setAttribute('data-restarts', String(window.nianbaoGeneration));
    }, function (e) {
      restarting = false;
      $('error-details').value = details + '\n重新启动失败：' + String(e && e.message || e);
    });
  }
  window.nianbaoGeneration = 0;
  window.addEventListener('error', function (e) {
    if (e.error instanceof WebAssembly.RuntimeError) { e.preventDefault(); onTrap(e.error); }
  });
  window.addEventListener('unhandledrejection', function (e) {
    if (e.reason instanceof WebAssembly.RuntimeError) { e.preventDefault(); onTrap(e.reason); }
  });
  $('copy-details').addEventListener('click', function () {
    var area = $('error-details');
    area.hidden = false;
    area.select();
    var done = function () { $('copy-details').textContent = '已复制错误详情'; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(area.value).then(done, function () {
        if (document.execCommand('copy')) done();
      });
    } else if (document.execCommand('copy')) done();
  });
  // The next edit starts a new check: the notice has done its job.
  $('report-input').addEventListener('input', function () {
    if (!restarting) { $('internal-error').hidden = true; $('copy-details').textContent = '复制错误详情'; }
  });

  /* ---- controls ---- */

  $('batch-cancel').addEventListener('click', function () {
    if (batch && !batch.done) { batch.cancelled = true; status('正在取消……'); }
  });
  $('batch-close').addEventListener('click', function () {
    if (batch && !batch.done) batch.cancelled = true;
    showView(null);
  });
  $('batch-back').addEventListener('click', function () { showView('list'); render(); });
  $('batch-filter-status').addEventListener('change', render);
  $('batch-search').addEventListener('input', render);
  $('export-summary').addEventListener('click', function () { exportAs('summary'); });
  $('export-findings').addEventListener('click', function () { exportAs('findings'); });
  $('export-json').addEventListener('click', function () { exportAs('json'); });
  $('batch-print').addEventListener('click', function () { window.print(); });
  $('batch-table').tHead.addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (!th) return;
    var k = th.getAttribute('data-key');
    if (k === sortKey) sortDir = -sortDir; else { sortKey = k; sortDir = 1; }
    render();
  });
  var body = $('batch-table').tBodies[0];
  body.addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    if (tr) openRow(tr);
  });
  body.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    var tr = e.target.closest('tr');
    if (tr) { e.preventDefault(); openRow(tr); }
  });
})();
