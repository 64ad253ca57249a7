"""`py2wasm playground`: a local web page to write Python, compile it to wasm,
run it in the browser and see every stage (IR, WAT, TypeScript declarations).

Place in the pipeline: a user-facing front over the whole pipeline, like
`cli.py`. Modules: `cli` (the command), `server` (HTTP), `security` (token,
Host and Origin checks, bind policy), `sandbox` (each compile in a separate,
limited process), `compile_child` (what that process runs), `export` (the
static site), `examples/` (the examples menu), `static/` (the page, built
from the repo's playground/ front-end source by esbuild).
"""
