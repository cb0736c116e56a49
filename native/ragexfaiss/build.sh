#!/usr/bin/env bash
# Builds native/ragexfaiss/build/libragexfaiss.so. Idempotent: a second run with nothing changed prints nothing.
# Needs: apt-get install -y libfaiss-dev libopenblas-dev liblapack-dev cmake g++
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

missing=()
if [[ ! -f /usr/include/faiss/IndexFlat.h ]] || ! compgen -G '/usr/lib/*/libfaiss.a' >/dev/null; then
  missing+=(libfaiss-dev)
fi
compgen -G '/usr/lib/*/libopenblas.so' >/dev/null || missing+=(libopenblas-dev)
compgen -G '/usr/lib/*/liblapack.so' >/dev/null || missing+=(liblapack-dev)
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
if ((${#missing[@]})); then
  echo "ragexfaiss: missing build dependencies: ${missing[*]}" >&2
  echo "ragexfaiss: install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Configure only when there is no generated build system yet (a failed configure leaves none); afterwards
# `cmake --build` re-runs configure by itself when CMakeLists.txt changes.
if [[ ! -f build/Makefile ]]; then
  if ! cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; then
    cat "$log" >&2
    echo "ragexfaiss: cmake configure failed" >&2
    exit 1
  fi
fi
if ! cmake --build build --parallel >"$log" 2>&1; then
  cat "$log" >&2
  echo "ragexfaiss: build failed" >&2
  exit 1
fi
if grep -q 'Linking CXX shared library' "$log"; then
  echo "ragexfaiss: built $(pwd)/build/libragexfaiss.so"
fi
