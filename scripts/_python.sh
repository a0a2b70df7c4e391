# Sourced by _env.sh and install-peers: picks the interpreter the kit runs on, sets PYTHON, version and VENV.
# PYTHON=python3.13 picks it (each one named that way gets a venv of its own, .venv-3.13, so several versions
# can be tested side by side). Without PYTHON: the first of python3.11..3.13 found, in .venv.
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
