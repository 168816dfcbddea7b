# tests/bench/find_torch.sh - sourced by the benchmark scripts: sets $py to a
# python3 that can import torch, or to "" when none can. Debian's
# python3-torch lives in /usr/bin/python3, which a pyenv or venv python3
# earlier on PATH cannot import; take the first that can.
py=
for cand in /usr/bin/python3 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import torch' 2>/dev/null; then
        py=$(command -v "$cand")
        break
    fi
done
