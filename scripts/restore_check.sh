#!/usr/bin/env bash
# Prove a backup restores: seed a test database and media, back them up with backup.sh,
# restore with restore.sh into a fresh database and directory, and compare — the row count
# and a checksum of the contents of every table, the schema's migrations, and a checksum of
# every media file. Prints PASS or FAIL; removes its databases and files either way.
#
#   scripts/restore_check.sh            (or: make restore-check)
#
# Needs PostgreSQL (BENCH_DATABASE, default postgres://postgres@127.0.0.1:5432) and the
# project's virtualenv.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
SERVER="${BENCH_DATABASE:-postgres://postgres@127.0.0.1:5432}"
SERVER="${SERVER%/}"
EVENTS="${RESTORE_CHECK_EVENTS:-300}"
SOURCE="km_restore_src_$$"
COPY="km_restore_copy_$$"
WORK="$(mktemp -d /tmp/km-restore-check.XXXXXX)"

cleanup() {
  psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS $SOURCE" >/dev/null 2>&1 || true
  psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS $COPY" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

manage() {
  (cd "$ROOT" && DEBUG=1 DATABASE_URL="$1" MEDIA_ROOT="$2" "$PY" manage.py "${@:3}")
}

# Every table with its row count and an md5 of its rows in a fixed order.
table_summary() {
  local url="$1" table
  for table in $(psql "$url" -Atqc "SELECT tablename FROM pg_tables
      WHERE schemaname = 'public' ORDER BY tablename"); do
    psql "$url" -Atqc "SELECT '$table', count(*), md5(coalesce(string_agg(t::text, '|'
        ORDER BY t::text), '')) FROM public.\"$table\" t"
  done
}

media_summary() {
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

echo "== seed $SOURCE ($EVENTS events) and media"
psql "$SERVER/postgres" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $SOURCE"
psql "$SERVER/postgres" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $COPY"
mkdir -p "$WORK/media" "$WORK/backups"
manage "$SERVER/$SOURCE" "$WORK/media" migrate --noinput >/dev/null
manage "$SERVER/$SOURCE" "$WORK/media" seed_demo --events "$EVENTS" >/dev/null
# Images on a few events, stored as the staff form stores them (events/images.py).
manage "$SERVER/$SOURCE" "$WORK/media" shell -c "
from io import BytesIO
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from events.images import process_image
from events.models import Event
for n, event in enumerate(Event.objects.order_by('pk')[:5]):
    raw = BytesIO()
    Image.effect_noise((640, 480), 40 + n).convert('RGB').save(raw, 'JPEG')
    event.image = process_image(SimpleUploadedFile('foto.jpg', raw.getvalue()))
    event.image_alt = 'Et testbillede'
    event.save()
print(Event.objects.exclude(image='').count(), 'events with an image')
"

echo "== back up"
backup="$(DATABASE_URL="$SERVER/$SOURCE" MEDIA_ROOT="$WORK/media" \
  "$ROOT/scripts/backup.sh" "$WORK/backups")"
ls -l "$backup"

echo "== restore into $COPY"
"$ROOT/scripts/restore.sh" "$backup" "$SERVER/$COPY" "$WORK/restored-media"

echo "== compare"
table_summary "$SERVER/$SOURCE" > "$WORK/source-tables.txt"
table_summary "$SERVER/$COPY" > "$WORK/copy-tables.txt"
media_summary "$WORK/media" > "$WORK/source-media.txt"
media_summary "$WORK/restored-media" > "$WORK/copy-media.txt"

failures=0
tables="$(wc -l < "$WORK/source-tables.txt")"
rows="$(awk -F'|' '{ sum += $2 } END { print sum }' "$WORK/source-tables.txt")"
files="$(wc -l < "$WORK/source-media.txt")"
if diff -u "$WORK/source-tables.txt" "$WORK/copy-tables.txt"; then
  echo "tables: $tables tables, $rows rows, every count and content checksum equal"
else
  echo "tables differ (above)"; failures=$((failures + 1))
fi
if diff -u "$WORK/source-media.txt" "$WORK/copy-media.txt" && [ "$files" -gt 0 ]; then
  echo "media: $files files, every sha256 equal ($(sha256sum < "$WORK/source-media.txt" | cut -c1-16))"
else
  echo "media differ or are missing (above)"; failures=$((failures + 1))
fi
if manage "$SERVER/$COPY" "$WORK/restored-media" migrate --check >/dev/null; then
  echo "schema: the restored database has every migration applied"
else
  echo "schema: the restored database lacks migrations"; failures=$((failures + 1))
fi
events="$(psql "$SERVER/$COPY" -Atqc "SELECT count(*) FROM events_event")"

if [ "$failures" -eq 0 ]; then
  echo "PASS: restore round trip of $tables tables ($rows rows, $events events) and $files" \
    "media files; backup $(du -sh "$backup" | cut -f1)"
else
  echo "FAIL: $failures of 3 comparisons differ"
  exit 1
fi
