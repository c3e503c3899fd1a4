/* The batch worker: checks files with the page's own wasm module, off the main thread.
   scripts/offline.py builds the worker's script from the page's wasm-bindgen glue (as
   `makeGlue()`, a factory), the readers' glue (`makeReaders()`), www/readers-loader.js and this
   file. The page (www/page.js) sends the compiled module, then one file at a time.
   A trap in the module (a panic: the wasm is built with panic=immediate-abort) is caught here:
   that file is recorded as 无法识别 and the module is instantiated afresh with the files so far.
   ES5. */
var module = null, glue = null, readers = null, inputs = [];
var INTERNAL = '校验时出现内部错误，此文件未能检查。';

function instantiate() {
  glue = makeGlue();
  glue.initSync({ module: module });
  glue.batch_reset();
}

function add(input) {
  if (input.kind === 'bytes') return glue.batch_add(input.name, input.data);
  if (input.kind === 'text') return glue.batch_add_text(input.name, input.data);
  return glue.batch_add_failed(input.name, input.data);
}

/* Adds one input; on a trap, starts again without it. */
function addSafely(input) {
  try {
    var row = add(input);
    inputs.push(input);
    return row;
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    instantiate();
    for (var i = 0; i < inputs.length; i++) add(inputs[i]);
    var failed = { kind: 'failed', name: input.name, data: INTERNAL + '（' + e.message + '）' };
    inputs.push(failed);
    return add(failed);
  }
}

function read(file) {
  if (file.arrayBuffer) return file.arrayBuffer();
  return new Promise(function (ok, fail) {
    var r = new FileReader();
    r.onload = function () { ok(r.result); };
    r.onerror = function () { fail(r.error); };
    r.readAsArrayBuffer(file);
  });
}

var queue = Promise.resolve();
self.onmessage = function (e) {
  var m = e.data;
  // One message at a time, in order (reading a file is asynchronous).
  queue = queue.then(function () { return handle(m); }).catch(function (err) {
    self.postMessage({ type: 'fatal', message: String(err && err.message || err) });
  });
};

function handle(m) {
  if (m.type === 'init') {
    module = m.module;
    readers = new NianbaoReaders(m.readers);
    instantiate();
    inputs = [];
    self.postMessage({ type: 'ready' });
  } else if (m.type === 'reset') {
    glue.batch_reset();
    inputs = [];
  } else if (m.type === 'file' && m.error) {
    // A file the page could not take out of a .zip.
    self.postMessage({ type: 'row', seq: m.seq, id: m.id, row: addSafely({ kind: 'failed', name: m.name, data: m.error }) });
  } else if (m.type === 'file') {
    return read(m.file).then(function (buf) {
      var bytes = new Uint8Array(buf);
      if (nianbaoIsOffice(bytes)) {
        return readers.extract(bytes).then(function (text) {
          return addSafely({ kind: 'text', name: m.name, data: text });
        }, function (msg) {
          return addSafely({ kind: 'failed', name: m.name, data: String(msg) });
        });
      }
      return addSafely({ kind: 'bytes', name: m.name, data: bytes });
    }, function () {
      return addSafely({ kind: 'failed', name: m.name, data: '无法读取此文件。' });
    }).then(function (row) {
      self.postMessage({ type: 'row', seq: m.seq, id: m.id, row: row });
    });
  } else if (m.type === 'finish') {
    self.postMessage({ type: 'rows', seq: m.seq, rows: glue.batch_finish() });
  } else if (m.type === 'export') {
    self.postMessage({ type: 'export', seq: m.seq, kind: m.kind, text: glue.batch_export(m.kind) });
  }
}
