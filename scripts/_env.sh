# Sourced by the scripts: makes sure a venv exists with the pinned toolchain, then activates it.
# A fresh machine needs only Python 3.11, 3.12 or 3.13; everything else comes from constraints.txt.
# Every script that sources this stops at its first failing command (and its exit code is that command's).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_python.sh"  # PYTHON, version, VENV, ROOT
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
