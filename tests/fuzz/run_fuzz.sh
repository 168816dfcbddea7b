#!/usr/bin/env bash
# tests/fuzz/run_fuzz.sh [SECONDS] - build the lesson-parser fuzzer with
# clang (-fsanitize=fuzzer,address,undefined) and run it for a bounded time
# (default 60 s), seeded with every lesson in lessons/ and tests/lessons/.
# Exit status: 0 no crash; otherwise libFuzzer's, with the crashing input
# saved as crash-* in the work directory it prints.
set -euo pipefail
SECONDS_TO_RUN=${1:-60}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${FUZZ_WORK:-$(mktemp -d /tmp/nnlab_fuzz.XXXXXX)}

if ! command -v clang >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    echo "run_fuzz: clang with libFuzzer not found; installing (Debian: clang libclang-rt-14-dev)"
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y clang libclang-rt-14-dev
    else
        echo "run_fuzz: run as root or: sudo apt-get install -y clang libclang-rt-14-dev" >&2
        exit 2
    fi
fi

# The engine through its own CMake build (whatever it links); the parser
# and the target instrumented for coverage and checked by the sanitizers.
echo "run_fuzz: building in $WORK"
cmake -S "$ROOT" -B "$WORK/build" -DNNLAB_BUILD_APP=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$WORK/build" --target nn -j2 >/dev/null
clang -std=c17 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
      -fno-sanitize-recover=undefined -I"$ROOT/app" -I"$ROOT/engine/include" \
      "$ROOT/tests/fuzz/fuzz_lesson.c" "$ROOT"/app/lesson/*.c "$WORK/build/engine/libnn.a" \
      $(pkg-config --libs openblas zlib stb) -lm -lpthread -o "$WORK/fuzz_lesson"

mkdir -p "$WORK/corpus"
cp "$ROOT"/lessons/*.lesson "$ROOT"/tests/lessons/*.lesson "$WORK/corpus/"
cd "$WORK"
echo "run_fuzz: fuzzing for ${SECONDS_TO_RUN}s"
OPENBLAS_NUM_THREADS=1 ./fuzz_lesson -max_total_time="$SECONDS_TO_RUN" -max_len=16384 \
    -dict="$ROOT/tests/fuzz/lesson.dict" -print_final_stats=1 corpus
