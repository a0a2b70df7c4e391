"""What `pip install` puts in site-packages: one import package, `ios_lob_kit`, that owns every module (no
generic top-level names such as `openapi` or `conformance` to clash with other distributions), its data
files, and console scripts that run from a plain install."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "ios_lob_kit"
FORMER_TOP_LEVEL = (
    "openapi",
    "generated_client",
    "contract_client",
    "mock_server",
    "conformance",
    "regeneration",
    "traffic",
)
# Files the package needs at run time besides its modules.
DATA = (
    f"{PACKAGE}/py.typed",
    f"{PACKAGE}/openapi/ios-lob-app-provisioning-assignments.yaml",
    f"{PACKAGE}/openapi/client-config.yaml",
    f"{PACKAGE}/openapi/upstream/csdl-fragment.xml",
    f"{PACKAGE}/openapi/upstream/differences.yaml",
    f"{PACKAGE}/conformance/reporting/report.html",
)


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy of what the build reads: an in-tree build/ folder left from an earlier layout would
    # otherwise end up in the wheel.
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / PACKAGE, source / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(out), str(source)], out)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_has_one_top_level_package_with_its_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/", 1)[0] for name in names}
    dist_info = {name for name in top_level if name.endswith(".dist-info")}
    assert top_level - dist_info == {PACKAGE}
    assert len(dist_info) == 1
    assert [name for name in DATA if name not in names] == []
    assert not any("/generated_client/" in name and "__pycache__" in name for name in names)
    (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "ios-lob-conformance = ios_lob_kit.conformance.cli:main" in scripts
    assert "ios-lob-mock-server = ios_lob_kit.mock_server.cli:main" in scripts


@pytest.mark.slow
def test_an_installed_copy_runs_its_console_scripts_and_owns_no_generic_name(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    # The dependencies come from this environment's site-packages, as plain path entries (its .pth files, the
    # editable install of the working tree among them, are not processed), so nothing is downloaded.
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    installed = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", str(wheel)], tmp_path
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    where = _run([str(python), "-c", f"import {PACKAGE}; print({PACKAGE}.__file__)"], tmp_path)
    assert where.stdout.strip() == str(site / PACKAGE / "__init__.py"), where.stderr
    probe = f"import importlib.util as u; print([n for n in {FORMER_TOP_LEVEL!r} if u.find_spec(n)])"
    assert _run([str(python), "-c", probe], tmp_path).stdout.strip() == "[]"

    for script in ("ios-lob-conformance", "ios-lob-mock-server"):
        helped = _run([str(venv / "bin" / script), "--help"], tmp_path)
        assert helped.returncode == 0, helped.stderr
        assert helped.stdout.startswith("usage: ")
