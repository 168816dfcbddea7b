# tests/cli/lib.sh - what the command-line contract tests share. Sourced
# (not a test: the glob registers only test_*.sh). Gives:
#   $dir                      a private temporary directory, removed on exit
#   $fail                     0 until a check fails; end a script with `exit $fail`
#   check "what" cmd...       prints "ok   what" or "FAIL what" by cmd's status
#   exit2 "what" needle cmd...  cmd exits 2 within 20 s (124 = hung), says the
#                             needle (a fixed string) on stderr, nothing on stdout
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi; }
exit2() {
    local what=$1 needle=$2; shift 2
    timeout 20 "$@" >"$dir/out" 2>"$dir/err" </dev/null; local rc=$?
    check "$what: exit 2 ($rc): $(head -c 200 "$dir/err")" test $rc -eq 2
    check "$what: stderr says '$needle'" grep -qF -- "$needle" "$dir/err"
    check "$what: nothing on stdout" test ! -s "$dir/out"
}
