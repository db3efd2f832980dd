#!/usr/bin/env bash
# Installs the web app's npm dependencies with `npm ci`, but only when they are missing or
# package-lock.json changed since the last install, so repeated Maven builds stay fast.
# npm writes node_modules/.package-lock.json at the end of every install: it is our marker.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "ERROR: 'npm' or 'node' is not on PATH. The web UI is built with the system's Node.js (>= 20.19) and npm." >&2
  echo "       Install them, or build without the web UI: mvn ... -Dskip.webui=true" >&2
  exit 1
fi
# Vite 8 needs Node 20.19+; say so here rather than fail later with an obscure error.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "ERROR: Node.js $(node --version) is too old for the web UI build: it needs >= 20.19." >&2
  echo "       Upgrade Node.js, or build without the web UI: mvn ... -Dskip.webui=true" >&2
  exit 1
fi

marker=node_modules/.package-lock.json
if [ -f "$marker" ] && ! [ "$marker" -ot package-lock.json ]; then
  echo "npm dependencies are up to date with package-lock.json: skipping npm ci"
  exit 0
fi

echo "Installing npm dependencies: npm ci"
exec npm ci --no-audit --no-fund
