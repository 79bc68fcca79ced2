#!/bin/sh
# Regenerates the speech clips in this folder with espeak-ng (GPL-3.0 program; its output is not covered by
# its licence). Deterministic for a given espeak-ng version; these were made with the version printed below.
set -e
cd "$(dirname "$0")"
espeak-ng --version
espeak-ng -v en-us -s 165 -w vo_01.wav "Welcome to the product tour."
espeak-ng -v en-us -s 165 -w vo_02.wav "Drag any file into the window, and it syncs everywhere."
espeak-ng -v en-us -s 165 -w vo_03.wav "Start your free trial today."
