#!/usr/bin/env python3
"""Makes dist/nianbao.html, the offline page: one self-contained file that works from file://,
where module scripts and fetching the .wasm are blocked. From Trunk's dist/ (index.html, the
wasm-bindgen JS, the wasm, the CSS) it inlines the styles, turns the JS module into a classic
inline script with the wasm embedded as base64, and adds a CSP meta that forbids every network
source (../shared/spec/decisions.md). Called by build_page (scripts/web-env).
Usage: python3 scripts/offline.py [dist]"""

import base64
import hashlib
import re
import sys
from pathlib import Path

dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
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

b64 = base64.b64encode(wasm).decode()
script = (
    "\n(function () {\n'use strict';\n"
    # A page saved after use carries the last run's state: start from a clean one.
    "document.documentElement.removeAttribute('data-ready');\n"
    + js
    + "\nvar b = atob('" + b64 + "'), bytes = new Uint8Array(b.length);\n"
    "for (var i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);\n"
    # Compile now, start once the body is parsed (this script is in <head>; the wasm's start
    # wires up elements that must exist).
    "var compiled = WebAssembly.compile(bytes);\n"
    "function go() {\n"
    "  compiled.then(function (m) { return __wbg_init({ module_or_path: m }); }).then(function () {\n"
    "    window.wasmBindings = { " + ", ".join(f"{n}: {n}" for n in exports) + " };\n"
    "  });\n}\n"
    "if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go);\n"
    "else go();\n"
    "})();\n"
)

out = html
out = re.sub(r'<link rel="stylesheet" href="\./[^"]+\.css"[^>]*/?>', lambda m: "<style>" + css + "</style>", out)
out = out.replace(loader, "<script>" + script + "</script>")
out = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", out)
# The download link points at this very file.
out = re.sub(r"<!-- offline:remove -->.*?<!-- /offline:remove -->", "", out, flags=re.S)

inline_scripts = re.findall(r"<script>(.*?)</script>", out, flags=re.S)
inline_styles = re.findall(r"<style>(.*?)</style>", out, flags=re.S)
csp = "; ".join([
    "default-src 'none'",
    # 'wasm-unsafe-eval' for Chromium ≥ 97, 'unsafe-eval' for WebAssembly in Chromium 86–96.
    "script-src " + " ".join(sha256(s) for s in inline_scripts) + " 'wasm-unsafe-eval' 'unsafe-eval'",
    "style-src " + " ".join(sha256(s) for s in inline_styles),
    "img-src data:",
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
hosted_loader = tla.sub(
    lambda m: "init({ module_or_path: '" + m.group(1) + "' }).then(function (wasm) {\n"
    "  window.wasmBindings = bindings;\n"
    '  dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm: wasm}}));\n'
    "});\n",
    loader,
)
(dist / "index.html").write_text(html.replace(loader, hosted_loader), encoding="utf-8")
hosted_csp = "; ".join([
    "default-src 'none'",
    "script-src 'self' " + " ".join(sha256(s) for s in re.findall(r"<script(?: type=\"module\")?>(.*?)</script>",
                                                               html.replace(loader, hosted_loader), flags=re.S))
    + " 'wasm-unsafe-eval' 'unsafe-eval'",
    "style-src 'self'", "connect-src 'self'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'",
])
print("offline.py: the hosted page's CSP header (dist/index.html):\n  Content-Security-Policy: " + hosted_csp)
print(f"offline.py: {dist}/nianbao.html ({len(out.encode()) // 1024} KB; wasm {len(wasm) // 1024} KB as base64)")
