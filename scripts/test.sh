#!/usr/bin/env bash
# npm test: typecheck, build the client, then the vitest projects unit, integration and e2e.
# The fault suite (project `faults`, npm run test:faults, several minutes of crashes and floods
# against real processes) runs after this, from .ci/run.
# Integration tests need Redis on 127.0.0.1:6379 (started here if installed but not running);
# e2e tests need Chromium at /usr/bin/chromium (.ci/run installs both on Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  if command -v redis-server >/dev/null; then
    echo "starting redis-server on 127.0.0.1:6379 for the tests"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    sleep 0.5
  else
    echo "warning: no Redis on 127.0.0.1:6379 and redis-server is not installed; Redis tests will fail" >&2
  fi
fi

echo "== typecheck"
npm run --silent typecheck
echo "== build client"
npx vite build --logLevel warn
echo "== vitest"
mkdir -p test-results
status=0
npx vitest run --project unit --project integration --project e2e --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  const skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit $status
