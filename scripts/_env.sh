# Sourced by the scripts: makes sure .venv exists with the pinned toolchain, then activates it.
# A fresh machine needs only Python 3.11; everything else comes from constraints.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3.11}"
stamp="$VENV/.installed"
if [ ! -x "$VENV/bin/python" ]; then
  command -v "$PYTHON" >/dev/null || { echo "error: $PYTHON not found (the kit needs Python 3.11)" >&2; exit 2; }
  "$PYTHON" -m venv "$VENV"
fi
# Reinstall when the pins or the project metadata changed since the last install.
want="$(cat "$ROOT/constraints.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing the pinned toolchain into .venv ..." >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$ROOT/constraints.txt" -e "$ROOT[dev]" >&2
  echo "$want" > "$stamp"
fi
export PATH="$VENV/bin:$PATH"
cd "$ROOT"
