# Sourced by the scripts: makes sure a venv exists with the pinned toolchain, then activates it.
# A fresh machine needs only Python 3.11, 3.12 or 3.13; everything else comes from constraints.txt.
# PYTHON=python3.13 picks the interpreter; each one named that way gets a venv of its own (.venv-3.13),
# so several versions can be tested side by side. Without PYTHON: the first of python3.11..3.13 found, in .venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUPPORTED="3.11 3.12 3.13"
if [ -n "${PYTHON:-}" ]; then
  "$PYTHON" -c "" 2>/dev/null || { echo "error: PYTHON=$PYTHON does not run" >&2; exit 2; }
  version="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  VENV="$ROOT/.venv-$version"
else
  for v in $SUPPORTED; do "python$v" -c "" 2>/dev/null && { PYTHON="python$v"; break; }; done
  [ -n "${PYTHON:-}" ] || { echo "error: no python3.11, python3.12 or python3.13 found (the kit needs one)" >&2; exit 2; }
  version="${PYTHON#python}"
  VENV="$ROOT/.venv"
fi
case " $SUPPORTED " in *" $version "*) ;; *) echo "error: Python $version is not supported (use one of: $SUPPORTED)" >&2; exit 2 ;; esac
stamp="$VENV/.installed"
# Reinstall when the pins or the project metadata changed since the last install. Installing takes a minute or
# two, so it is announced first and reported phase by phase (pip's own output goes to $VENV/install.log).
want="$(cat "$ROOT/constraints.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  pinned="$(grep -cE '^[A-Za-z0-9]' "$ROOT/constraints.txt")"
  if [ -f "$stamp" ]; then
    echo "constraints.txt or pyproject.toml changed: updating $(basename "$VENV") (Python $version) ..." >&2
  else
    echo "First run: installing the kit and its $pinned pinned packages into $(basename "$VENV") (Python $version)." >&2
    echo "This happens once (about a minute); later runs start at once." >&2
  fi
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" "$ROOT/scripts/_install_progress.py" "$VENV/install.log" "$pinned" -- \
    "$VENV/bin/python" -m pip install --progress-bar off --disable-pip-version-check \
    -c "$ROOT/constraints.txt" -e "$ROOT[dev]"
  echo "$want" > "$stamp"
fi
export PATH="$VENV/bin:$PATH"
cd "$ROOT"
