#!/usr/bin/env bash
# Every fast check, run to the end, reporting each failure (like kind's hack/verify-all.sh).
cd "$(dirname "$0")/.."
failed=()
run() { local name=$1; shift; echo "== $name"; "$@" || failed+=("$name"); }
run typecheck npm run -s typecheck
run lint npm run -s lint
run dead-code npm run -s knip
run scenarios node bin/podlab.js scenarios validate
run unit npm test --silent
if [ ${#failed[@]} -gt 0 ]; then echo "verify: failed: ${failed[*]}"; exit 1; fi
echo "verify: all checks passed"
