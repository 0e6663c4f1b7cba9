#!/usr/bin/env bash
# Back up the site: the PostgreSQL database (pg_dump, custom format) and the uploaded media
# (a tar of MEDIA_ROOT), into a new timestamped directory with a checksum manifest.
#
#   scripts/backup.sh DESTINATION        e.g. /var/backups/kulturmetropolen
#
# Reads DATABASE_URL (postgres://user:password@host:port/name, as the site does) and
# MEDIA_ROOT (default: media/ in the project). Prints the directory it wrote. The backup
# holds personal data (staff accounts, access requests): it is written readable by its
# owner only; keep it as carefully as the database. Restore with scripts/restore.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DESTINATION="${1:?usage: scripts/backup.sh DESTINATION (a directory outside the project)}"
DATABASE_URL="${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/media}"

case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL" >&2; exit 2 ;;
esac

umask 077
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
TARGET="$DESTINATION/kulturmetropolen-$STAMP"
mkdir -p "$TARGET"
# A failed backup leaves no directory that looks complete.
remove_if_failed() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    rm -rf "$TARGET"
  fi
}
trap remove_if_failed EXIT

# One consistent snapshot of the database (pg_dump runs in a single transaction).
pg_dump --format=custom --compress=6 --no-password --file="$TARGET/database.dump" "$DATABASE_URL"

# The media files; an empty archive when there are none yet.
if [ -d "$MEDIA_ROOT" ]; then
  tar --create --gzip --file="$TARGET/media.tar.gz" --directory="$MEDIA_ROOT" .
else
  tar --create --gzip --file="$TARGET/media.tar.gz" --files-from=/dev/null
fi

{
  echo "# Kulturmetropolen backup $STAMP"
  echo "# database: ${DATABASE_URL##*/}  media: $MEDIA_ROOT"
  echo "# media files: $(tar --list --gzip --file="$TARGET/media.tar.gz" | grep -vc '/$' || true)"
  (cd "$TARGET" && sha256sum database.dump media.tar.gz)
} > "$TARGET/MANIFEST"

echo "$TARGET"
