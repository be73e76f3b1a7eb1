#!/usr/bin/env bash
# npm run setup: install dependencies on a fresh Debian 12 machine that has Node and nothing else,
# with no internet but the npm registry and Debian apt. Idempotent and quick on re-run.
#
# mediasoup's worker is a C++ binary normally downloaded from GitHub. Without that access we build
# it from the npm tarball against Debian libraries (scripts/build-mediasoup-worker.sh, cached
# outside the clone), hand it to `npm ci` via MEDIASOUP_WORKER_BIN, then copy it where mediasoup
# looks at run time so no env var is needed later.
#   MEDIASOUP_PREBUILT=1      a machine with internet: plain `npm ci` (mediasoup's own install)
#   MEDIASOUP_WORKER_BIN=...  use this worker binary instead of building one
#   MEDIASOUP_WORKER_CACHE=.. cache root for the built worker (default ~/.cache/mediasoup-worker)
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "setup: $*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }
has() { command -v "$1" >/dev/null 2>&1; }

# Native addons (better-sqlite3) compile with node-gyp when no prebuilt binary can be downloaded.
missing=()
has g++ || missing+=(g++)
has make || missing+=(make)
has python3 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if is_root && has apt-get; then
    log "installing build tools: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "warning: missing ${missing[*]} (not root or no apt-get); native modules may fail to build"
  fi
fi

# node-gyp would download Node headers from nodejs.org; use the local installation's instead.
if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir 2>/dev/null || echo undefined)" = undefined ]; then
  prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
fi

ms_version="$(node -p "(() => { try { return require('./package-lock.json').packages['node_modules/mediasoup'].version } catch { return require('./package.json').dependencies.mediasoup } })()")"
worker_dest="node_modules/mediasoup/worker/out/Release/mediasoup-worker"

if [ "${MEDIASOUP_PREBUILT:-0}" != 1 ] && { [ -n "${MEDIASOUP_WORKER_BIN:-}" ] || has apt-get; }; then
  if [ -z "${MEDIASOUP_WORKER_BIN:-}" ]; then
    skip_apt=0
    is_root || skip_apt=1  # cannot apt-get: hope the build deps are there
    log "mediasoup worker $ms_version: building or reusing the cached build"
    MEDIASOUP_WORKER_BIN="$(SKIP_APT="${SKIP_APT:-$skip_apt}" bash scripts/build-mediasoup-worker.sh "$ms_version")"
  fi
  [ -x "$MEDIASOUP_WORKER_BIN" ] || { log "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN is not an executable"; exit 1; }
  export MEDIASOUP_WORKER_BIN
else
  unset MEDIASOUP_WORKER_BIN
fi

# Skip the install when node_modules already matches the lock file, Node version and worker mode.
stamp_file="node_modules/.plenary-setup"
lock="package-lock.json"; [ -f "$lock" ] || lock="package.json"
stamp="$(cat "$lock" package.json | sha256sum | cut -d' ' -f1) node-$(node -v) worker-${MEDIASOUP_WORKER_BIN:+local}"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] && [ -d node_modules/mediasoup ]; then
  log "node_modules is up to date"
else
  # Not `npm ci`: it refuses this lock because vite's Windows-only optional dependency
  # (napi-windows-process-start-time) cannot be resolved from the registry here, so the lock cannot
  # list it. `npm install` installs exactly the locked versions and leaves the lock unchanged.
  log "npm install (locked versions)"
  npm install --no-audit --no-fund
  echo "$stamp" > "$stamp_file"
fi

if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
  # Run time needs no env var: put the binary where mediasoup looks by default.
  if ! cmp -s "$MEDIASOUP_WORKER_BIN" "$worker_dest" 2>/dev/null; then
    mkdir -p "$(dirname "$worker_dest")"
    cp "$MEDIASOUP_WORKER_BIN" "$worker_dest.tmp" && chmod 755 "$worker_dest.tmp" && mv "$worker_dest.tmp" "$worker_dest"
    log "installed the mediasoup worker at $worker_dest"
  fi
fi
[ -x "$worker_dest" ] || log "warning: no mediasoup worker at $worker_dest (audio will be unavailable)"
log "done"
