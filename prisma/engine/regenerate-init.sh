#!/bin/sh
# Before the first release only: replace everything in prisma/migrations with one
# <timestamp>_init migration generated from the current prisma/schema/*.prisma (the engine's
# diff from an empty database; no database, no network, no npm). Run from anywhere:
#   prisma/engine/regenerate-init.sh               regenerate (no change if the SQL is the same)
#   prisma/engine/regenerate-init.sh --reset-local also delete the embedded dev database (./.data/pglite
#                                                  or $DATA_DIR/pglite) so the next start applies the new init
# Databases that applied an earlier init must be reset; see docs/database.md.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TSX="$ROOT/node_modules/.bin/tsx"
[ -x "$TSX" ] || { echo "regenerate-init: $TSX not found (npm ci first)" >&2; exit 1; }

"$TSX" server/db/migrateCli.ts reset-init

if [ "${1:-}" = "--reset-local" ]; then
  DIR="${DATA_DIR:-./.data}/pglite"
  rm -rf "$DIR"
  echo "removed $DIR (stop the app first if it was running)"
fi
