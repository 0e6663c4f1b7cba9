#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database into an existing, empty
# PostgreSQL database, and the media files into a directory.
#
#   scripts/restore.sh BACKUP_DIR DATABASE_URL MEDIA_DIR
#
# Checks the manifest's checksums first. The database must exist (createdb) and hold no
# tables, and MEDIA_DIR must be empty or missing — unless RESTORE_REPLACE=1, which drops
# what the database holds and replaces the media directory's contents. Restoring is one
# transaction: it succeeds whole or changes nothing. Afterwards run
# `manage.py migrate` (a no-op for a backup of the same version) and start the site.
set -euo pipefail

if [ "$#" -ne 3 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
BACKUP="$1"
TARGET_URL="$2"
MEDIA_DIR="$3"
REPLACE="${RESTORE_REPLACE:-0}"

for file in MANIFEST database.dump media.tar.gz; do
  [ -f "$BACKUP/$file" ] || { echo "restore.sh: $BACKUP/$file is missing" >&2; exit 1; }
done
(cd "$BACKUP" && grep -v '^#' MANIFEST | sha256sum --check --quiet) \
  || { echo "restore.sh: the backup's checksums do not match its manifest" >&2; exit 1; }

tables="$(psql "$TARGET_URL" --no-password -Atqc \
  "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ] && [ "$REPLACE" != "1" ]; then
  echo "restore.sh: the target database already holds $tables tables;" \
    "set RESTORE_REPLACE=1 to replace them" >&2
  exit 1
fi
if [ -d "$MEDIA_DIR" ] && [ -n "$(ls -A "$MEDIA_DIR")" ] && [ "$REPLACE" != "1" ]; then
  echo "restore.sh: $MEDIA_DIR is not empty; set RESTORE_REPLACE=1 to replace it" >&2
  exit 1
fi

clean=()
if [ "$tables" != "0" ]; then
  clean=(--clean --if-exists)
fi
# The site's own user owns the restored tables (the dump's owners may not exist here).
pg_restore --no-password --no-owner --no-privileges --exit-on-error --single-transaction \
  "${clean[@]}" --dbname="$TARGET_URL" "$BACKUP/database.dump"

# Media: unpack next to the target, then swap it in, so a failed unpack leaves it as it was.
mkdir -p "$(dirname "$MEDIA_DIR")"
staging="$(mktemp -d "$(dirname "$MEDIA_DIR")/.restore-media.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
tar --extract --gzip --file="$BACKUP/media.tar.gz" --directory="$staging" --no-same-owner
mkdir -p "$MEDIA_DIR"
find "$MEDIA_DIR" -mindepth 1 -delete
(cd "$staging" && tar --create --file=- .) | tar --extract --file=- --directory="$MEDIA_DIR"

echo "Restored $BACKUP into ${TARGET_URL##*/} and $MEDIA_DIR"
