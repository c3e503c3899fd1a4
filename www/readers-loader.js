/* The second wasm module (examples/readers.rs: the Word/PDF readers and the batch checker),
   loaded on first use, in the page (www/page.js) and in the batch worker (www/worker.js). scripts/offline.py puts the
   module's wasm-bindgen glue in front of this file as `makeReaders()`, a factory, so that a
   reader that trapped can be instantiated afresh. `source` is { b64 } (the offline file: the
   wasm inlined as base64, decoded on demand) or { url } (the hosted page). ES5. */
function NianbaoReaders(source) {
  var compiled = null, ready = null;
  var UNAVAILABLE = '无法加载 Word/PDF 读取模块。请在 Word/WPS 中打开文件，全选复制后粘贴到此处。';

  function bytes() {
    if (source && typeof source.b64 === 'string') {
      var b = atob(source.b64.replace(/\s+/g, '')), out = new Uint8Array(b.length);
      for (var i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
      return Promise.resolve(out);
    }
    if (!source || !source.url) return Promise.reject(new Error('no readers module'));
    return fetch(source.url).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.arrayBuffer();
    });
  }

  function module() {
    if (!compiled) {
      compiled = bytes().then(function (b) { return WebAssembly.compile(b); });
      compiled.catch(function () { compiled = null; });
    }
    return compiled;
  }
  /* The compiled module (the worker instantiates it itself). */
  this.module = module;

  function load() {
    module();
    if (!ready) {
      ready = compiled.then(function (m) {
        var glue = makeReaders();
        return glue({ module_or_path: m }).then(function () { return glue; });
      });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  function call(fn, data) {
    return load().then(function (glue) {
      try {
        return glue[fn](data);
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          ready = null; // a trap: the next file gets a fresh instance
          throw '读取文件时出现内部错误（' + e.message + '）。请在 Word/WPS 中打开文件，全选复制后粘贴到此处。';
        }
        throw typeof e === 'string' ? e : String(e && e.message || e);
      }
    }, function () { throw UNAVAILABLE; });
  }

  /* The laid-out text of a .docx/.doc/.pdf file; rejects with a Chinese message. */
  this.extract = function (data) { return call('extract', data); };
  /* The reports in a .zip: [[name, Uint8Array or Chinese message], …]. */
  this.unzip = function (data) { return call('unzip', data); };
}

/* Word (.docx, .doc) or PDF by the first bytes, as nianbao::source::office::sniff. */
function nianbaoIsOffice(b) {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) return true;
  var doc = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], i;
  if (b.length >= 8) {
    for (i = 0; i < 8 && b[i] === doc[i]; i++);
    if (i === 8) return true;
  }
  var n = Math.min(b.length, 1024);
  for (i = 0; i + 5 <= n; i++) {
    if (b[i] === 0x25 && b[i + 1] === 0x50 && b[i + 2] === 0x44 && b[i + 3] === 0x46 && b[i + 4] === 0x2d) return true;
  }
  return false;
}
