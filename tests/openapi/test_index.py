"""The spec index: what it reads from the document, and that nothing outside `ios_lob_kit/openapi/` reads the document
itself."""

from __future__ import annotations

import ast
import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ios_lob_kit.openapi import load_spec, resolve
from ios_lob_kit.openapi.index import build_index, canonical_type, is_standard, spec_index

ROOT = Path(__file__).resolve().parents[2]
SPEC = load_spec()
INDEX = spec_index()
COLLECTION = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
READ_SCOPE = "DeviceManagementApps.Read.All"

# The keys of the document's structure only `ios_lob_kit/openapi/` may read.
STRUCTURE = frozenset({"paths", "components", "allOf", "oneOf", "anyOf", "$ref"})
KIT_PARTS = ("contract_client", "mock_server", "conformance", "regeneration", "traffic")
HAND_WRITTEN = (*(f"ios_lob_kit/{part}" for part in KIT_PARTS), "benchmarks", "examples", "scripts")
# The change report compares two versions of the document keyword by keyword, malformed ones included
# (which the index refuses): reading the raw structure of both is its job.
EXEMPT = {"ios_lob_kit/regeneration/changes/spec_diff.py"}


def structure_reads(source: str) -> list[tuple[int, str]]:
    """Where `source` reads one of the STRUCTURE keys: `x["paths"]`, `x.get("$ref")`, `"allOf" in x`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        key: Any = None
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and isinstance(node.slice, ast.Constant):
            key = node.slice.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            if node.func.attr in ("get", "pop", "setdefault") and isinstance(node.args[0], ast.Constant):
                key = node.args[0].value
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            key = node.left.value if isinstance(node.left, ast.Constant) else None
        if key in STRUCTURE:
            found.append((getattr(node, "lineno", 0), key))
    return found


def test_the_scan_finds_every_way_of_reading_the_structure() -> None:
    source = 'a = s["paths"]\nb = s.get("components")\nc = "$ref" in s\nd = s["allOf"][0]\ns["paths"] = {}\n'
    assert structure_reads(source) == [(1, "paths"), (2, "components"), (3, "$ref"), (4, "allOf")]


def test_nothing_outside_openapi_reads_the_documents_structure() -> None:
    files = [f for package in HAND_WRITTEN for f in sorted((ROOT / package).rglob("*.py"))]
    assert len(files) > 50
    reads = {
        f"{f.relative_to(ROOT)}:{line}": key
        for f in files
        if f.relative_to(ROOT).as_posix() not in EXEMPT
        for line, key in structure_reads(f.read_text(encoding="utf-8"))
    }
    assert reads == {}, "ask ios_lob_kit.openapi.index instead"


def test_no_package_imports_a_private_module_of_another() -> None:
    kit = {*KIT_PARTS, "openapi", "generated_client"}
    private = [
        f"{f.relative_to(ROOT)}: {node.module}"
        for package in HAND_WRITTEN
        for f in (ROOT / package).rglob("*.py")
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ios_lob_kit.")
        if node.module.split(".")[1] in kit - {package.removeprefix("ios_lob_kit/")}
        if any(part.startswith("_") for part in node.module.split("."))
    ]
    assert private == []


def test_importing_the_index_compiles_nothing() -> None:
    probe = (
        "import sys, ios_lob_kit.openapi.index; "
        "print(sorted(m for m in ('jsonschema_rs', 'schemathesis') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_it_is_built_once() -> None:
    assert spec_index() is INDEX


def raw_operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method != "parameters"
    ]


def test_operations_are_the_documents_in_its_order() -> None:
    assert [(op.method, op.path, op.operation_id) for op in INDEX.operations] == [
        (method.upper(), path, op["operationId"]) for path, method, op in raw_operations()
    ]


def test_parameters_merge_the_paths_and_the_operations_own() -> None:
    for path, _method, raw in raw_operations():
        entries = [resolve(p) for p in [*SPEC["paths"][path].get("parameters", []), *raw.get("parameters", [])]]
        expected = {(p["in"], p["name"]): p for p in entries}
        op = INDEX.operation(raw["operationId"])
        assert {(p.location, p.name) for p in op.parameters} == set(expected)
        for parameter in op.parameters:
            assert parameter.schema.node == resolve(expected[(parameter.location, parameter.name)]["schema"])
    listing = INDEX.operation("listAssignments")
    assert [p.name for p in listing.parameters_in("path")] == ["iosLobAppProvisioningConfigurationId"]
    top = next(p for p in listing.parameters if p.name == "$top")
    assert (top.kind, top.style, top.explode, top.required) == ("integer", "form", True, False)


def test_bodies_responses_and_examples() -> None:
    create = INDEX.operation("createAssignment")
    assert create.body is not None
    assert create.body.required
    assert create.body.media_type == "application/json"
    request = INDEX.schemas["iosLobAppProvisioningConfigurationAssignmentRequest"]
    assert create.body.schema is request
    assert request.closed  # a request shape: closed, and it needs no `id`
    assert not request.required
    answer = INDEX.operation("createAssignment").response_for(201)
    assert answer is not None
    assert answer.schema is INDEX.schemas["iosLobAppProvisioningConfigurationAssignment"]
    assert not answer.schema.closed
    assert answer.schema.required == {"id", "@odata.type"}  # what Graph always sends
    assert request not in INDEX.answer_shapes
    assert INDEX.answer_shape(request) is answer.schema
    assert INDEX.answer_shape(answer.schema) is answer.schema
    assert answer.schema in INDEX.answer_shapes
    assert list(create.body.examples) == ["official", "group"]
    assert INDEX.operation("deleteAssignment").body is None
    seed = INDEX.operation("updateAssignments").response_for(200)
    assert seed is not None
    assert seed.is_success
    assert list(seed.examples) == ["seed"]
    count = INDEX.operation("countAssignments").response_for(200)
    assert count is not None
    assert count.media_type == "text/plain"
    assert count.schema is not None
    assert count.schema.name is None
    assert count.schema.types == ("string",)
    deleted = INDEX.operation("deleteConfiguration").response_for(204)
    assert deleted is not None
    assert deleted.media_type is None
    assert deleted.schema is None


def test_answers_for_a_status() -> None:
    update = INDEX.operation("updateConfiguration")
    found = {status: update.response_for(status) for status in (200, 204, 404, 503, 599, 418)}
    assert {status: r.key if r else None for status, r in found.items()} == {
        200: "200", 204: "204", 404: "404", 503: "5XX", 599: None, 418: None,
    }  # fmt: skip
    five = found[503]
    assert five is not None
    assert five.statuses == tuple(s for s in range(500, 600) if is_standard(s))
    assert not is_standard(599)
    assert is_standard(418)


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/$count", "countAssignments"),
        ("get", "/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/a%2Fb", "getAssignment"),
        ("PATCH", "/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments", "updateAssignments"),
        ("PUT", "/deviceAppManagement/iosLobAppProvisioningConfigurations/c", None),
        ("GET", "/deviceAppManagement/iosLobAppProvisioningConfigurations/c/d/e/f", None),
    ],
)
def test_a_request_finds_its_operation(method: str, path: str, expected: str | None) -> None:
    found = INDEX.match(method, path)
    assert (found.operation_id if found else None) == expected


def test_writes_are_the_unsafe_methods_and_agree_with_the_permissions() -> None:
    writes = {op.operation_id for op in INDEX.writes}
    assert writes == {op["operationId"] for _, method, op in raw_operations() if method != "get"}
    for op in INDEX.operations:
        assert op.scopes == {
            s for scopes in SPEC["paths"][op.path][op.method.lower()]["x-ms-permissions"].values() for s in scopes
        }
        assert (READ_SCOPE not in op.scopes) == op.writes, op.operation_id


def test_schemas_merge_all_of() -> None:
    configuration = INDEX.schemas["iosLobAppProvisioningConfiguration"]
    assert configuration.title == "IosLobAppProvisioningConfiguration"
    assert configuration.properties is not None
    assert list(configuration.properties)[:3] == ["id", "@odata.type", "displayName"]  # entity's first
    assert configuration.properties["id"] is INDEX.schemas["entity"].properties["id"]  # type: ignore[index]
    assert configuration.properties["displayName"].types == ("string",)  # not nullable, as the CSDL says
    group = INDEX.schemas["groupAssignmentTarget"]
    assert group.required == {"@odata.type"}
    assert group.properties is not None
    assert group.properties["deviceAndAppManagementAssignmentFilterType"].enum == ("none", "include", "exclude")
    assert INDEX.by_title("GroupAssignmentTarget") is group
    assert INDEX.by_title("Nothing") is None
    assert INDEX.properties_of("GroupAssignmentTarget") >= {
        "groupId",
        "@odata.type",
        "deviceAndAppManagementAssignmentFilterId",
    }
    assert {"createdDateTime", "lastModifiedDateTime", "expirationDateTime"} <= INDEX.date_time_properties


def test_server_set_properties() -> None:
    assert INDEX.server_set == {"id", "createdDateTime", "lastModifiedDateTime", "assignments", "groupAssignments"}
    assert INDEX.schemas["entity"].properties["id"].server_set  # type: ignore[index]


def test_odata_type_spellings() -> None:
    assert INDEX.schemas["groupAssignmentTarget"].odata_types == (
        "#microsoft.graph.groupAssignmentTarget", "microsoft.graph.groupAssignmentTarget",
    )  # fmt: skip
    assert INDEX.schemas["groupAssignmentTarget"].odata_type == "#microsoft.graph.groupAssignmentTarget"
    assert INDEX.schemas["entity"].odata_type is None
    assert (
        INDEX.bare_spellings["microsoft.graph.allDevicesAssignmentTarget"]
        == "#microsoft.graph.allDevicesAssignmentTarget"
    )
    assert all(INDEX.kinds[bare] is INDEX.kinds[canonical] for bare, canonical in INDEX.bare_spellings.items())
    configuration = "#microsoft.graph.iosLobAppProvisioningConfiguration"
    assert INDEX.kinds[configuration] is INDEX.schemas["iosLobAppProvisioningConfiguration"]  # the answer shape
    assert canonical_type("microsoft.graph.x") == "#microsoft.graph.x" == canonical_type("#microsoft.graph.x")


def test_target_kinds_are_the_one_of_of_target() -> None:
    target = INDEX.target
    members = SPEC["components"]["schemas"]["assignmentTarget"]["oneOf"]
    assert target is INDEX.schemas["assignmentTarget"]
    assert target.nullable
    assert [kind.name for kind in target.one_of] == [m["$ref"].rsplit("/", 1)[1] for m in members if "$ref" in m]
    assert set(target.kinds) == {s for kind in target.one_of for s in kind.odata_types}
    assert INDEX.unions == (target,)
    assert INDEX.located["#/components/schemas/assignmentTarget"] is target


def edited(edit: Any) -> dict[str, Any]:
    document = copy.deepcopy(SPEC)
    edit(document)
    return document


def test_an_operation_added_to_the_document_is_indexed() -> None:
    def add(document: dict[str, Any]) -> None:
        item = copy.deepcopy(document["paths"][COLLECTION]["get"])
        document["paths"][COLLECTION + "/{id}/report"] = {"get": {**item, "operationId": "getReport"}}

    index = build_index(edited(add))
    assert index.operations[-1].operation_id == "getReport"
    assert not index.operations[-1].writes
    assert index.match("GET", COLLECTION + "/c/report") is index.operations[-1]


def test_an_operation_without_permissions_is_refused() -> None:
    def strip(document: dict[str, Any]) -> None:
        del document["paths"][COLLECTION]["post"]["x-ms-permissions"]

    with pytest.raises(
        ValueError, match="POST /deviceAppManagement/iosLobAppProvisioningConfigurations: no x-ms-permissions"
    ):
        build_index(edited(strip))


def test_a_schema_that_contains_itself_is_refused() -> None:
    def loop(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["entity"]["properties"]["self"] = {"$ref": "#/components/schemas/entity"}

    with pytest.raises(ValueError, match="contains itself"):
        build_index(edited(loop))
