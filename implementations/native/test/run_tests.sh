#!/usr/bin/env bash
# The native servers' own tests, as real processes (Maven runs this in the test phase with
# target/bin). The conformance suite (implementations/conformance) tests them like every server.
#   run_tests.sh BIN_DIR
set -euo pipefail
bin=${1:?usage: run_tests.sh BIN_DIR}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -e "$bin/UNAVAILABLE" ]; then
  echo "native tests skipped: $(cat "$bin/UNAVAILABLE")"
  exit 0
fi
"$here/lifeline_test.sh" "$bin"
if command -v python3 >/dev/null 2>&1; then
  python3 "$here/half_close_test.py" "$bin"
  python3 "$here/work_test.py" "$bin"
else
  echo "half_close_test and work_test skipped: no python3"
fi
