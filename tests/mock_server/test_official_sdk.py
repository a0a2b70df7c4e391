"""The official Python SDK (msgraph-beta-sdk), unchanged, works against the reference server.

The SDK lives in its own venv (`scripts/install-peers`); `peers/official_sdk_probe.py` runs there and
reports what it saw. It cannot send the seed's collection PATCH, which its builders lack.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ios_lob_kit.mock_server.runner import RunningServer

ROOT = Path(__file__).resolve().parents[2]
SDK_PYTHON = ROOT / ".tools" / "sdk-venv" / "bin" / "python"
PROBE = Path(__file__).resolve().parent / "peers" / "official_sdk_probe.py"

pytestmark = pytest.mark.skipif(
    not SDK_PYTHON.exists() and not os.environ.get("CI"),  # CI installs it: there, missing is a failure
    reason="the official SDK is not installed: scripts/install-peers",
)


def test_the_official_sdk_drives_every_operation_it_can_send(server: RunningServer) -> None:
    env = {**os.environ, "SDK_PROBE_TOKEN": server.tokens[0].token}
    done = subprocess.run(
        [str(SDK_PYTHON), str(PROBE), server.base_url], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout)
    assert seen == {
        "created_configuration": "sdk",
        "configuration_after_patch": ["sdk", "patched"],
        "created_target": ["GroupAssignmentTarget", "g1"],  # the SDK parsed our `#` spelling to its class
        "target_after_patch": ["ExclusionGroupAssignmentTarget", "g2"],
        "listed": [1, [True]],  # %24top, %24count, %24select, %24filter as the SDK encodes them
        "count": 1,
        "after_assign": ["AllLicensedUsersAssignmentTarget"],
        "group_assignments": [["g9"], "g9"],  # the assign action's group assignments, through groupAssignments
        "group_count": 1,
        "configurations_count_is_a_number": True,  # .../iosLobAppProvisioningConfigurations/$count
        # Query options as the SDK's URL templates send them: $filter with comparison, logical operators and a
        # function, $orderby, $filter on $count, $expand on an item and on the collection.
        "filtered": ["sdk-2"],
        "filtered_not": ["sdk"],
        "ordered": ["sdk-2", "sdk"],
        "ordered_asc": ["sdk", "sdk-2"],
        "counted": 1,
        "expanded": [["AllLicensedUsersAssignmentTarget"], ["g9"]],
        "listed_expanded": [["sdk", 1], ["sdk-2", 0]],
        "after_delete": [404, "ResourceNotFound"],  # our OData error parsed as the SDK's ODataError
    }
    assert server.tokens[0].token not in done.stdout + done.stderr
