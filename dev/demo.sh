#!/usr/bin/env bash
# Set up, build the bundled example into the embedded store (./pmkg-store) and open the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash dev/setup.sh
.venv/bin/kg build examples/pingdingshan-2022-42.txt -o example.ttl
.venv/bin/kg ingest examples/ --store "${PMKG_STORE:-./pmkg-store}"
exec .venv/bin/kg app --store "${PMKG_STORE:-./pmkg-store}" "$@"
