#!/usr/bin/env bash
# Set up Compositor on a fresh machine (Debian/Ubuntu, Python >= 3.10):
#   system tools the tests use (tesseract OCR with its Arabic, Hindi and Thai data, espeak-ng speech, ffmpeg's ffprobe, chromium for the studio's
#   browser test), a CPU build of torch, and
#   Compositor itself with its test extras. GPU users: install a CUDA torch first (see README), then run this with
#   COMPOSITOR_KEEP_TORCH=1 so the CPU pin is skipped.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  missing=""
  command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
  command -v espeak-ng >/dev/null 2>&1 || missing="$missing espeak-ng"
  command -v ffprobe  >/dev/null 2>&1 || missing="$missing ffmpeg"
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"    # the studio's browser test
  command -v curl     >/dev/null 2>&1 || missing="$missing curl"        # docs/studio.md's examples
  # OCR data for the scripts the neutral kit sets and projects/markets shows (docs/qc.md): Arabic, Hindi, Thai
  langs="$(tesseract --list-langs 2>/dev/null || true)"
  for lang in ara hin tha; do
    printf '%s\n' "$langs" | grep -qx "$lang" || missing="$missing tesseract-ocr-$lang"
  done
  if [ -n "$missing" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
fi

if [ -z "${COMPOSITOR_KEEP_TORCH:-}" ]; then
  # the CPU wheel; an unpinned torch would pull a multi-GB CUDA build
  "$PY" -m pip install -q "torch==2.13.0"
fi
# constraints.txt holds the exact versions the test suite passed on (python3 scripts/lock.py writes it)
"$PY" -m pip install -q -c constraints.txt -e ".[dev]"
echo "Compositor installed: $("$PY" -m compositor --help >/dev/null && echo ok)"
