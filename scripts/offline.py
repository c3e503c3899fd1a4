#!/usr/bin/env python3
"""Finishes dist/ after Trunk and makes dist/nianbao.html, the offline page.

The page's JavaScript beyond Trunk's loader is assembled here, for both builds:
- the page script: the readers' glue (target/readers/readers.js, wasm-bindgen --target
  no-modules) as a factory `makeReaders()`, www/readers-loader.js and www/page.js;
- the batch worker's script: the readers' glue (the second module also checks batches),
  www/readers-loader.js and www/worker.js.
The hosted dist/ gets them as files (page-HASH.js, worker-HASH.js, readers-HASH.wasm, named on
<html data-worker data-readers>). The offline file, which works from file:// where module
scripts and fetching are blocked, gets everything inline: the styles, the glue as a classic
script with the wasm as base64, the page script, the worker's script as inert text (started
from a blob: URL) and the readers' wasm as base64 text decoded only when a Word/PDF file
arrives; its CSP meta forbids every network source (../shared/spec/decisions.md).
Called by build_page (scripts/web-env). Usage: python3 scripts/offline.py [dist] [readers-dir]"""

import base64
import hashlib
import re
import sys
from pathlib import Path

dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
readers_dir = Path(sys.argv[2] if len(sys.argv) > 2 else "target/readers")
www = Path(__file__).resolve().parent.parent / "www"
html = (dist / "index.html").read_text(encoding="utf-8")


def one(pattern, text, what):
    found = re.findall(pattern, text, flags=re.S)
    if len(found) != 1:
        sys.exit(f"offline.py: expected one {what} in {dist}/index.html, found {len(found)}")
    return found[0]


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# Trunk's parts: the stylesheet link, the module loader and the preload links.
css_link = one(r'<link rel="stylesheet" href="\./([^"]+\.css)"[^>]*>', html, "stylesheet")
loader = one(r'<script type="module">.*?</script>', html, "module script")
js_name = one(r"from '\./([^']+\.js)'", loader, "JS import")
wasm_name = one(r"module_or_path: '\./([^']+\.wasm)'", loader, "wasm path")
css = (dist / css_link).read_text(encoding="utf-8")
js = (dist / js_name).read_text(encoding="utf-8")
wasm = (dist / wasm_name).read_bytes()

# The ES module as a classic script: no `export`, no `import.meta` (a syntax error outside
# modules even where it is never reached).
exports = re.findall(r"^export (?:async )?(?:function|class) (\w+)", js, flags=re.M)
js = re.sub(r"^export \{[^}]*\};?\n|^export default [^;]+;\n", "", js, flags=re.M)
js = re.sub(r"^export (?=(?:async )?(?:function|class|const|let) )", "", js, flags=re.M)
js = js.replace("import.meta.url", "document.baseURI")
if re.search(r"^\s*(import|export)\b", js, flags=re.M):
    sys.exit("offline.py: the wasm-bindgen JS still has import/export statements")

def short_hash(data):
    return hashlib.sha256(data).hexdigest()[:16]


def inert(text, what):
    """Text that can sit inside a <script type="text/plain"> element unchanged."""
    if re.search(r"</script|<!--", text, flags=re.I):
        sys.exit(f"offline.py: {what} contains </script or <!--")
    return text


# The readers module and its no-modules glue (build_readers in scripts/web-env).
readers_js = (readers_dir / "readers.js").read_text(encoding="utf-8")
readers_wasm = (readers_dir / "readers_bg.wasm").read_bytes()
if "let nianbaoReaders" not in readers_js:
    sys.exit("offline.py: target/readers/readers.js is not the no-modules glue of nianbaoReaders")
readers_factory = "function makeReaders() {\n" + readers_js + "\nreturn nianbaoReaders;\n}\n"
loader_js = (www / "readers-loader.js").read_text(encoding="utf-8")
page_js = readers_factory + loader_js + (www / "page.js").read_text(encoding="utf-8")
# The worker: the second module's glue, the loader and www/worker.js (no document there).
worker_js = "'use strict';\n" + readers_factory + loader_js + (www / "worker.js").read_text(encoding="utf-8")
readers_b64 = base64.b64encode(readers_wasm).decode()

b64 = base64.b64encode(wasm).decode()
# The glue as a factory: after a trap (a panic) www/page.js calls window.nianbaoRestart(), which
# instantiates the module afresh with a fresh copy of the glue.
script = (
    "\n(function () {\n'use strict';\n"
    # A page saved after use carries the last run's state: start from a clean one.
    "document.documentElement.removeAttribute('data-ready');\n"
    "function makeMainGlue() {\n"
    + js
    + "\nreturn { init: __wbg_init, exports: { " + ", ".join(f"{n}: {n}" for n in exports) + " } };\n}\n"
    "var b = atob('" + b64 + "'), bytes = new Uint8Array(b.length);\n"
    "for (var i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);\n"
    # Compile now, start once the body is parsed (this script is in <head>; the wasm's start
    # wires up elements that must exist).
    "var compiled = WebAssembly.compile(bytes);\n"
    "function run() {\n"
    "  return compiled.then(function (m) {\n"
    "    var g = makeMainGlue();\n"
    "    return g.init({ module_or_path: m }).then(function () { window.wasmBindings = g.exports; });\n"
    "  });\n}\n"
    "window.nianbaoRestart = run;\n"
    "if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);\n"
    "else run();\n"
    "})();\n"
)

out = html
out = re.sub(r'<link rel="stylesheet" href="\./[^"]+\.css"[^>]*/?>', lambda m: "<style>" + css + "</style>", out)
out = out.replace(loader, "<script>" + script + "</script>")
out = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", out)
# The download link points at this very file.
out = re.sub(r"<!-- offline:remove -->.*?<!-- /offline:remove -->", "", out, flags=re.S)
out = out.replace(
    "</body>",
    '<script type="text/plain" id="nianbao-worker">' + inert(worker_js, "the worker script") + "</script>\n"
    '<script type="text/plain" id="nianbao-readers">' + readers_b64 + "</script>\n"
    "<script>" + inert(page_js, "the page script") + "</script>\n</body>",
    1,
)

inline_scripts = re.findall(r"<script>(.*?)</script>", out, flags=re.S)
inline_styles = re.findall(r"<style>(.*?)</style>", out, flags=re.S)
csp = "; ".join([
    "default-src 'none'",
    # 'wasm-unsafe-eval' for Chromium ≥ 97, 'unsafe-eval' for WebAssembly in Chromium 86–96.
    "script-src " + " ".join(sha256(s) for s in inline_scripts) + " 'wasm-unsafe-eval' 'unsafe-eval'",
    "style-src " + " ".join(sha256(s) for s in inline_styles),
    "img-src data:",
    # The batch worker runs from a blob: URL holding its script.
    "worker-src blob:",
    "base-uri 'none'",
    "form-action 'none'",
])
meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
out = out.replace('<meta charset="utf-8">\n', '<meta charset="utf-8">\n' + meta, 1)
if meta not in out:
    sys.exit("offline.py: no <meta charset> to put the CSP after")
if re.search(r'(?:src|href)="\./', out):
    sys.exit("offline.py: the offline page still refers to a file")

(dist / "nianbao.html").write_text(out, encoding="utf-8")

# The hosted page: Trunk's loader awaits at the top level, which Chromium 86–88 cannot parse
# (top-level await came in 89). The same steps with a promise.
tla = re.compile(
    r"const wasm = await init\(\{ module_or_path: '(\./[^']+\.wasm)' \}\);\s*"
    r"window\.wasmBindings = bindings;\s*"
    r'dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);\s*'
)
if "await" in loader and not tla.search(loader):
    sys.exit("offline.py: Trunk's loader changed; cannot remove its top-level await")
js_url = "./" + js_name
hosted_loader = tla.sub(
    lambda m: "var module, restarts = 0;\n"
    "init({ module_or_path: '" + m.group(1) + "' }).then(function (wasm) {\n"
    "  window.wasmBindings = bindings;\n"
    "  module = init.__wbindgen_wasm_module;\n"
    '  dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm: wasm}}));\n'
    "});\n"
    # After a trap (www/page.js): a fresh copy of the glue module, instantiated afresh.
    "window.nianbaoRestart = function () {\n"
    "  return import('" + js_url + "?restart=' + (++restarts)).then(function (fresh) {\n"
    "    return fresh.default({ module_or_path: module }).then(function () { window.wasmBindings = fresh; });\n"
    "  });\n"
    "};\n",
    loader,
)
# The hosted page's own files, named by content.
names = {}
for stem, ext, data in [
    ("page", "js", page_js.encode()),
    ("worker", "js", worker_js.encode()),
    ("readers", "wasm", readers_wasm),
]:
    names[stem] = f"{stem}-{short_hash(data)}.{ext}"
    (dist / names[stem]).write_bytes(data)
hosted = html.replace(loader, hosted_loader)
hosted = hosted.replace(
    '<html lang="zh-CN">',
    f'<html lang="zh-CN" data-worker="./{names["worker"]}" data-readers="./{names["readers"]}">',
    1,
)
hosted = hosted.replace("</body>", f'<script src="./{names["page"]}"></script>\n</body>', 1)
if names["page"] not in hosted or names["worker"] not in hosted:
    sys.exit("offline.py: no <html lang> or </body> in index.html")
(dist / "index.html").write_text(hosted, encoding="utf-8")
hosted_csp = "; ".join([
    "default-src 'none'",
    "script-src 'self' " + " ".join(sha256(s) for s in re.findall(r"<script(?: type=\"module\")?>(.*?)</script>",
                                                               html.replace(loader, hosted_loader), flags=re.S))
    + " 'wasm-unsafe-eval' 'unsafe-eval'",
    "style-src 'self'", "connect-src 'self'", "img-src 'self' data:", "worker-src 'self'",
    "base-uri 'none'", "form-action 'none'",
])
print("offline.py: the hosted page's CSP header (dist/index.html):\n  Content-Security-Policy: " + hosted_csp)
print(f"offline.py: {dist}/nianbao.html ({len(out.encode()) // 1024} KB; wasm {len(wasm) // 1024} KB and "
      f"readers {len(readers_wasm) // 1024} KB as base64)")
