#!/usr/bin/env bash
# Creates (or updates) the project's virtual environment at .venv/ with the pinned OpenMMLab 3.x stack.
#
#   scripts/setup.sh            # idempotent; second run on the same machine takes well under 3 minutes
#
# Environment variables:
#   BDD100K_ZOO_CACHE   root of the cache kept outside the repo (default: ~/.cache/bdd100k_zoo);
#                       the built mmcv wheel lives in $BDD100K_ZOO_CACHE/wheels/<key>/, keyed by
#                       mmcv, torch (+CUDA), Python and platform, because a wheel built against another
#                       torch fails at import (ABI).
#   PYTHON              interpreter used to create the venv (default: python3.11, else python3)
#   MAX_JOBS            parallel compile jobs for mmcv (default: number of cores)
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
REQ="$ROOT/requirements"
CACHE="${BDD100K_ZOO_CACHE:-$HOME/.cache/bdd100k_zoo}"
MMCV_VERSION="2.1.0"
MMCV_SDIST_URL="https://files.pythonhosted.org/packages/a7/19/f97f0fd4d432113a232e75f965335be6b7bb6557ae9faf8051e9a012cadd/mmcv-2.1.0.tar.gz"
MMCV_SHA256="d387bcab66b467479b6660310e23746cfc79c6e57acf04094680adb499a5cd3f"
STEP="start"

step() {
    STEP="$1"
    printf '\n==> [setup] %s\n' "$STEP"
}
trap 'printf "\n[setup] FAILED during step: %s (see the output above)\n" "$STEP" >&2' ERR

pip_install() {
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input "$@"
}

step "choose a Python 3.11 interpreter"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
"$PYTHON" - <<'EOF'
import sys
if sys.version_info[:2] != (3, 11):
    sys.exit(f"Python 3.11 is required, {sys.executable} is {sys.version.split()[0]}")
EOF

step "create the virtual environment at .venv/"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi

step "install build tools (requirements/build.txt)"
pip_install -q --upgrade pip==24.3.1
pip_install -q -r "$REQ/build.txt"

step "install torch and torchvision (requirements/torch.txt)"
pip_install -q -r "$REQ/torch.txt"

step "find or build the mmcv $MMCV_VERSION wheel with compiled ops"
KEY="$("$VENV/bin/python" - <<EOF
import platform, sys, torch
cuda = 'cu' + torch.version.cuda.replace('.', '') if torch.version.cuda else 'cpu'
ops = 'cudaops' if torch.cuda.is_available() or '${FORCE_CUDA:-0}' == '1' else 'cpuops'
print(f"mmcv-$MMCV_VERSION-torch{torch.__version__.split('+')[0]}-{cuda}-{ops}"
      f"-cp{sys.version_info.major}{sys.version_info.minor}-{platform.system().lower()}_{platform.machine()}")
EOF
)"
WHEEL_DIR="$CACHE/wheels/$KEY"
if ! ls "$WHEEL_DIR"/mmcv-*.whl >/dev/null 2>&1; then
    echo "[setup] no cached wheel in $WHEEL_DIR: building mmcv from source (about 15-20 min on 2 cores)"
    BUILD="$(mktemp -d)"
    curl -fsSL --retry 3 -o "$BUILD/mmcv-$MMCV_VERSION.tar.gz" \
        "$MMCV_SDIST_URL"
    echo "$MMCV_SHA256  $BUILD/mmcv-$MMCV_VERSION.tar.gz" | sha256sum -c --quiet -
    tar -xzf "$BUILD/mmcv-$MMCV_VERSION.tar.gz" -C "$BUILD"
    # torch >= 2.14 headers refuse anything older than C++20; mmcv 2.1.0 hard-codes C++17.
    if "$VENV/bin/python" -c "import torch,sys; v=tuple(map(int, torch.__version__.split('+')[0].split('.')[:2])); sys.exit(v < (2, 14))"; then
        sed -i 's/-std=c++17/-std=c++20/g' "$BUILD/mmcv-$MMCV_VERSION/setup.py"
    fi
    mkdir -p "$WHEEL_DIR.partial"
    (cd "$BUILD/mmcv-$MMCV_VERSION" && MMCV_WITH_OPS=1 MAX_JOBS="${MAX_JOBS:-$(nproc)}" \
        "$VENV/bin/python" -m pip wheel --no-build-isolation --no-deps -w "$WHEEL_DIR.partial" .)
    rm -rf "$WHEEL_DIR" && mv "$WHEEL_DIR.partial" "$WHEEL_DIR"   # publish the cache entry atomically
    rm -rf "$BUILD"
else
    echo "[setup] using cached wheel $(ls "$WHEEL_DIR"/mmcv-*.whl)"
fi
pip_install -q --no-deps --force-reinstall "$(ls "$WHEEL_DIR"/mmcv-*.whl)"

step "install the pinned stack (requirements/lock.txt, requirements/no-deps.txt)"
pip_install -q --no-deps -r "$REQ/lock.txt"
pip_install -q --no-deps -r "$REQ/no-deps.txt"

step "install bdd100k_zoo (editable, with its .mim links for mim)"
pip_install -q --no-deps --no-build-isolation -e "$ROOT"

step "check the environment (imports, compiled mmcv ops, mim)"
"$VENV/bin/python" - <<'EOF2'
import importlib
for module in ('mmdet.models', 'mmseg.models', 'mmpretrain.models', 'mmpose.apis', 'scalabel.eval.mot',
               'mim', 'bdd100k_zoo'):
    importlib.import_module(module)
EOF2
"$VENV/bin/bdd100k-zoo" env

printf '\n[setup] done: activate with "source .venv/bin/activate"\n'
