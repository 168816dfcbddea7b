#!/usr/bin/env bash
# tests/fuzz/run_fuzz.sh [SECONDS] [TARGET...] - build the libFuzzer targets
# with clang (-fsanitize=fuzzer,address,undefined; the engine instrumented
# too) and run each for SECONDS (default 60), seeded with its corpus in
# tests/fuzz/corpus/<target>/ (copied: new inputs stay in the work directory).
# Targets (default: all): model image idx layers augment settings settings_ini setup lesson
#   tests/fuzz/run_fuzz.sh 10            # every target briefly (CI)
#   tests/fuzz/run_fuzz.sh 600 image     # ten minutes on the picture decoders
# FUZZ_SEED=N fixes libFuzzer's seed (CI uses 1, so a run there finds the
# same inputs each time and a change is never refused for what a new random
# walk found; default: a random seed, printed).
# Exit status: 0 no crash; 1 if any target crashed, its input saved as
# crash-* / oom-* / timeout-* in the work directory printed for it.
set -euo pipefail
SECONDS_TO_RUN=${1:-60}
SEED=${FUZZ_SEED:-$(( (RANDOM << 15 | RANDOM) + 1 ))}
[ $# -gt 0 ] && shift
ALL=(model image idx layers augment settings settings_ini setup lesson)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${FUZZ_WORK:-$(mktemp -d /tmp/nnlab_fuzz.XXXXXX)}
mkdir -p "$WORK"

for t in "${TARGETS[@]}"; do
    [ -f "$ROOT/tests/fuzz/fuzz_$t.c" ] || { echo "run_fuzz: unknown target '$t' (${ALL[*]})" >&2; exit 2; }
done

if ! command -v clang >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    echo "run_fuzz: clang with libFuzzer not found; installing (Debian: clang libclang-rt-14-dev)"
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y clang libclang-rt-14-dev
    else
        echo "run_fuzz: run as root or: sudo apt-get install -y clang libclang-rt-14-dev" >&2
        exit 2
    fi
fi

# The engine through its own CMake build, compiled by clang with coverage
# instrumentation and the sanitizers; the app files a target needs (lesson
# parser and the labs it drives, settings.ini) are compiled with the target.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
echo "run_fuzz: building in $WORK"
CC=clang cmake -S "$ROOT" -B "$WORK/build" -DNNLAB_BUILD_APP=OFF -DNNLAB_WERROR=OFF \
      -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="-O1 -fsanitize=fuzzer-no-link $SAN" >/dev/null
cmake --build "$WORK/build" --target nn -j2 >/dev/null
LIBS="$WORK/build/engine/libnn.a $(pkg-config --libs openblas zlib stb libjpeg) -lm -lpthread"
build_target() {
    local t=$1 extra=()
    case $t in
        lesson) extra=("$ROOT"/app/lesson/*.c "$ROOT"/app/labs/*.c) ;;
        settings_ini) extra=("$ROOT/app/shell/prefs.c") ;;
    esac
    clang -std=c17 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer $SAN \
          -I"$ROOT/app" -I"$ROOT/engine/include" -I"$ROOT/tests/fuzz" \
          "$ROOT/tests/fuzz/fuzz_$t.c" "${extra[@]}" $LIBS -o "$WORK/fuzz_$t"
}

failed=()
for t in "${TARGETS[@]}"; do
    build_target "$t"
    corpus="$WORK/corpus_$t"
    mkdir -p "$corpus"
    [ -d "$ROOT/tests/fuzz/corpus/$t" ] && cp "$ROOT/tests/fuzz/corpus/$t"/* "$corpus/" 2>/dev/null || true
    opts=(-max_total_time="$SECONDS_TO_RUN" -seed="$SEED" -print_final_stats=1 -rss_limit_mb=8192 -timeout=20)
    case $t in
        lesson) cp "$ROOT"/lessons/*.lesson "$ROOT"/tests/lessons/*.lesson "$corpus/"
                opts+=(-max_len=16384 -dict="$ROOT/tests/fuzz/lesson.dict") ;;
        image)  opts+=(-max_len=65536) ;;
        model|idx) opts+=(-max_len=16384) ;;
        *)      opts+=(-max_len=512) ;;
    esac
    [ -f "$ROOT/tests/fuzz/$t.dict" ] && [ "$t" != lesson ] && opts+=(-dict="$ROOT/tests/fuzz/$t.dict")
    echo "run_fuzz: $t for ${SECONDS_TO_RUN}s, seed $SEED (FUZZ_SEED=$SEED repeats it)"
    mkdir -p "$WORK/$t" && cd "$WORK/$t"
    if ! OPENBLAS_NUM_THREADS=1 FUZZ_TMPDIR="$WORK/$t" "$WORK/fuzz_$t" "${opts[@]}" "$corpus" \
            >"$WORK/$t.log" 2>&1; then
        failed+=("$t")
        tail -n 40 "$WORK/$t.log"
        echo "run_fuzz: $t FAILED; input and log in $WORK/$t ($WORK/$t.log)"
    else
        grep -E "^stat::number_of_executed_units|^Done" "$WORK/$t.log" | tr '\n' ' '; echo
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "run_fuzz: crashes in: ${failed[*]} (work directory $WORK)"
    exit 1
fi
echo "run_fuzz: ${#TARGETS[@]} targets, no crash (work directory $WORK)"
