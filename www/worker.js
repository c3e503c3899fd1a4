/* The batch worker: checks files with the second wasm module (examples/readers.rs: the whole
   core with the Word/PDF readers), off the main thread. scripts/offline.py builds the worker's
   script from that module's wasm-bindgen glue (as `makeReaders()`, a factory),
   www/readers-loader.js and this file. The page (www/page.js) sends where the module is (its
   URL, or its base64 in the offline file), then one file at a time.
   A trap in the module (a panic: the wasm is built with panic=immediate-abort) is caught here:
   that file is recorded as 无法识别 and the module is instantiated afresh with the files so far.
   ES5. */
var module = null, glue = null, inputs = [];
var INTERNAL = '校验时出现内部错误，此文件未能检查。';

function instantiate() {
  glue = makeReaders();
  glue.initSync({ module: module });
  glue.batch_reset();
}

function add(input) {
  if (input.kind === 'bytes') return glue.batch_add(input.name, input.data);
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

function reply(m, row) {
  self.postMessage({ type: 'row', seq: m.seq, id: m.id, row: row });
}

function handle(m) {
  if (m.type === 'init') {
    return new NianbaoReaders(m.readers).module().then(function (compiled) {
      module = compiled;
      instantiate();
      inputs = [];
      self.postMessage({ type: 'ready' });
    });
  } else if (m.type === 'reset') {
    glue.batch_reset();
    inputs = [];
  } else if (m.type === 'file' && m.error) {
    // A file the page could not take out of a .zip.
    reply(m, addSafely({ kind: 'failed', name: m.name, data: m.error }));
  } else if (m.type === 'file') {
    return read(m.file).then(function (buf) {
      return addSafely({ kind: 'bytes', name: m.name, data: new Uint8Array(buf) });
    }, function () {
      return addSafely({ kind: 'failed', name: m.name, data: '无法读取此文件。' });
    }).then(function (row) { reply(m, row); });
  } else if (m.type === 'finish') {
    self.postMessage({ type: 'rows', seq: m.seq, rows: glue.batch_finish() });
  } else if (m.type === 'export') {
    self.postMessage({ type: 'export', seq: m.seq, kind: m.kind, text: glue.batch_export(m.kind) });
  }
}
