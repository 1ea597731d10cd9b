#!/usr/bin/env bash
# The README's first command: judges the sample a+b submission locally and prints the verdict table.
# On a fresh Debian machine with a JDK it installs the C++ compiler first (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v g++ >/dev/null || ! command -v cc >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq gcc g++ >/dev/null
    else
        echo "quickstart: gcc and g++ are needed (sudo apt-get install gcc g++)" >&2
        exit 1
    fi
fi

exec ./kubejudge judge examples/problems/aplusb "${1:-examples/submissions/aplusb/accepted.cpp}"
