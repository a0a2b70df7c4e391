"""Small spec edits, each classified at both levels: the contract (whom it breaks) and the client (griffe).

Every edit is applied to a copy of the real spec; the base client is generated once per module.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from ios_lob_kit.openapi import SPEC_PATH
from ios_lob_kit.regeneration.changes.baseline import BaselineError, parse
from ios_lob_kit.regeneration.changes.classify import RULES, breaks, classify
from ios_lob_kit.regeneration.changes.client_diff import ClientDiff, compare_clients
from ios_lob_kit.regeneration.changes.findings import Change, ChangeKind, Direction, Finding
from ios_lob_kit.regeneration.changes.render import Format, render
from ios_lob_kit.regeneration.changes.report import (
    EXIT_BREAKING,
    EXIT_NO_CHANGE,
    EXIT_NON_BREAKING,
    FailOn,
    assemble,
    build_report,
    compare_contracts,
)
from ios_lob_kit.regeneration.changes.spec_diff import MalformedSpec, diff_specs
from ios_lob_kit.regeneration.changes.version import Bump, advise
from ios_lob_kit.regeneration.generate import generate

Spec = dict[str, Any]
BASE: Spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def schemas(spec: Spec) -> dict[str, Any]:
    return spec["components"]["schemas"]  # type: ignore[no-any-return]


def add_optional_property(spec: Spec) -> None:
    schemas(spec)["groupAssignmentTarget"]["allOf"][1]["properties"]["groupDisplayName"] = {"type": "string"}


def add_required_request_property(spec: Spec) -> None:
    body = schemas(spec)["assignConfigurationRequest"]  # the assign action's body: requests only
    body["properties"]["intent"] = {"type": "string"}
    body["required"] = ["intent"]


def remove_response_property(spec: Spec) -> None:
    del schemas(spec)["iosLobAppProvisioningConfigurationAssignmentCollectionResponse"]["properties"]["@odata.nextLink"]


def rename_operation(spec: Spec) -> None:
    operation = spec["paths"]["/deviceAppManagement/iosLobAppProvisioningConfigurations"]["get"]
    operation["operationId"] = "listAllConfigurations"


def add_target_type(spec: Spec) -> None:
    own = {
        "type": "object",
        "required": ["@odata.type"],
        "properties": {
            "@odata.type": {
                "type": "string",
                "enum": ["#microsoft.graph.allUsersAssignmentTarget", "microsoft.graph.allUsersAssignmentTarget"],
            }
        },
    }
    schemas(spec)["allUsersAssignmentTarget"] = {
        "title": "AllUsersAssignmentTarget",
        "allOf": [{"$ref": "#/components/schemas/assignmentFilterProperties"}, own],
    }
    # The answers' union (requests have their own, closed one): what clients may now receive widens.
    schemas(spec)["assignmentTarget"]["oneOf"].insert(-1, {"$ref": "#/components/schemas/allUsersAssignmentTarget"})


def add_enum_value(spec: Spec) -> None:
    schemas(spec)["deviceAndAppManagementAssignmentFilterType"]["enum"].append("unknownFutureValue")


def change_type(spec: Spec) -> None:
    """In the answer shape only (its request shape shares the properties through a YAML alias)."""
    own = schemas(spec)["iosLobAppProvisioningConfiguration"]["allOf"][1]
    version = {"type": "string", "description": own["properties"]["version"]["description"]}
    own["properties"] = {**own["properties"], "version": version}


@dataclass(frozen=True)
class Expected:
    kind: ChangeKind
    subject: str
    location: str
    direction: Direction
    clients: bool  # breaking for clients
    servers: bool
    griffe_breaks: str | None  # griffe's breakage kind on the object below, or None: griffe finds none
    api: tuple[str, str]  # one listed (change, path suffix) in the client's API changes
    exit_code: int = EXIT_BREAKING  # the report's: 4 when existing clients break, else 3
    bump: Bump = Bump.MAJOR


CASES: dict[Callable[[Spec], None], Expected] = {
    add_optional_property: Expected(
        ChangeKind.ADDED_OPTIONAL, "property", "groupAssignmentTarget.groupDisplayName", Direction.BOTH,
        clients=False, servers=True, griffe_breaks=None,
        api=("added", "GroupAssignmentTarget.group_display_name"),
        exit_code=EXIT_NON_BREAKING, bump=Bump.MINOR,  # a new obligation for servers only
    ),
    add_required_request_property: Expected(
        ChangeKind.ADDED_REQUIRED, "property", "assignConfigurationRequest.intent", Direction.REQUEST,
        clients=True, servers=True, griffe_breaks="Parameter was added as required",
        api=("added", "AssignConfigurationRequest.intent"),
    ),
    remove_response_property: Expected(
        ChangeKind.REMOVED, "property",
        "iosLobAppProvisioningConfigurationAssignmentCollectionResponse.@odata.nextLink", Direction.RESPONSE,
        clients=True, servers=False, griffe_breaks="Public object was removed",
        api=("removed", "IosLobAppProvisioningConfigurationAssignmentCollectionResponse.odata_next_link"),
    ),
    rename_operation: Expected(  # nothing on the wire; the generated module is renamed (griffe)
        ChangeKind.OPERATION_RENAMED, "operation", "listAllConfigurations", Direction.NONE,
        clients=False, servers=False, griffe_breaks="Public object was removed",
        api=("added", "api.configurations.list_all_configurations"),
    ),
    add_target_type: Expected(
        ChangeKind.WIDENED, "@odata.type", "assignmentTarget", Direction.RESPONSE,
        clients=True, servers=False, griffe_breaks=None,
        api=("added", "models.all_users_assignment_target"),
    ),
    add_enum_value: Expected(
        ChangeKind.WIDENED, "enum value", "deviceAndAppManagementAssignmentFilterType", Direction.BOTH,
        clients=True, servers=True, griffe_breaks=None,
        api=("changed", "DeviceAndAppManagementAssignmentFilterType"),
    ),
    change_type: Expected(
        ChangeKind.INCOMPATIBLE, "type", "iosLobAppProvisioningConfiguration.version", Direction.RESPONSE,
        clients=True, servers=True, griffe_breaks=None,
        api=("changed", "IosLobAppProvisioningConfiguration.version"),
    ),
}  # fmt: skip


def edited(edit: Callable[[Spec], None]) -> Spec:
    spec = copy.deepcopy(BASE)
    edit(spec)
    return spec


def write(spec: Spec, path: Path) -> Path:
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def contract(old: Spec, new: Spec) -> list[Finding]:
    return classify(diff_specs(old, new))


@pytest.fixture(scope="module")
def base_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("base")
    return generate(write(BASE, folder / "base.yaml"), folder)


@pytest.mark.parametrize("edit", CASES, ids=lambda edit: edit.__name__)
def test_each_edit_is_classified_at_both_levels(
    edit: Callable[[Spec], None], base_client: Path, tmp_path: Path
) -> None:
    want = CASES[edit]
    spec = edited(edit)

    findings = [f for f in contract(BASE, spec) if f.kind is not ChangeKind.ADDED]  # drop "schema added" notes
    client = compare_clients(base_client, generate(write(spec, tmp_path / "new.yaml"), tmp_path))

    assert [(f.kind, f.subject, f.location, f.direction) for f in findings] == [
        (want.kind, want.subject, want.location, want.direction)
    ]
    assert (findings[0].breaking_for_clients, findings[0].breaking_for_servers) == (want.clients, want.servers)
    griffe_kinds = {breakage.kind for breakage in client.breakages}
    if want.griffe_breaks is None:
        assert not griffe_kinds, client.breakages
    else:
        assert want.griffe_breaks in griffe_kinds, client.breakages
    change, suffix = want.api
    assert any(item.change == change and item.path.endswith(suffix) for item in client.api), client.api
    report = assemble(source(BASE, "old"), source(spec, "new"), findings, client)
    assert (report.exit_code(FailOn.MINOR), report.bump) == (want.exit_code, want.bump)


def test_an_identical_spec_has_no_change() -> None:
    assert diff_specs(BASE, copy.deepcopy(BASE)) == []


def test_a_property_inherited_by_every_target_kind_is_reported_once_where_it_is_declared() -> None:
    spec = copy.deepcopy(BASE)
    schemas(spec)["assignmentFilterProperties"]["properties"]["scope"] = {"type": "string"}
    add_optional_property(spec)  # groupAssignmentTarget changes too, so it is compared part by part

    assert sorted(f.location for f in contract(BASE, spec)) == [
        "assignmentFilterProperties.scope",
        "groupAssignmentTarget.groupDisplayName",
    ]


def entity_required_in(spec: Spec, schema: str) -> None:
    """`id` is declared by `entity`; `schema` merges it in and now requires it."""
    schemas(spec)[schema]["allOf"][1]["required"] = ["id"]


@pytest.mark.parametrize(
    ("schema", "direction", "servers"),
    [
        ("mobileAppProvisioningConfigGroupAssignmentRequest", Direction.REQUEST, False),  # sent to assign
        ("iosLobAppProvisioningConfigurationAssignmentRequest", Direction.REQUEST, False),
    ],
)
def test_an_inherited_property_made_required_by_the_merging_schema_breaks_clients(
    schema: str, direction: Direction, servers: bool
) -> None:
    spec = copy.deepcopy(BASE)
    entity_required_in(spec, schema)

    findings = contract(BASE, spec)
    found = [(f.kind, f.location, f.direction, f.breaking_for_clients, f.breaking_for_servers) for f in findings]
    assert found == [(ChangeKind.BECAME_REQUIRED, f"{schema}.id", direction, True, servers)]
    report = assemble(source(BASE, "a"), source(spec, "b"), findings, ClientDiff([], []))
    assert (report.exit_code(FailOn.MINOR), report.bump) == (EXIT_BREAKING, Bump.MAJOR)


def test_a_property_made_required_where_it_is_declared_is_reported_there_only() -> None:
    spec = copy.deepcopy(BASE)
    schemas(spec)["entity"]["required"] = ["id"]

    assert [(f.kind, f.location) for f in contract(BASE, spec)] == [(ChangeKind.BECAME_REQUIRED, "entity.id")]


def test_response_status_keys_compare_as_strings() -> None:
    spec = copy.deepcopy(BASE)
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"] = {
                    int(key) if str(key).isdigit() else key: value for key, value in operation["responses"].items()
                }
    listed = spec["paths"]["/deviceAppManagement/iosLobAppProvisioningConfigurations"]["get"]["responses"]
    assert any(isinstance(key, int) for key in listed)

    assert diff_specs(BASE, spec) == []


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda spec: schemas(spec)["entity"].update({"$ref": "#/components/schemas/gone"}), "gone"),
        (lambda spec: spec["paths"].update({"/x": None}), "not a well-formed OpenAPI document"),
        (lambda spec: spec["paths"]["/deviceAppManagement/iosLobAppProvisioningConfigurations"]["get"]
            ["responses"].update({"200": {"$ref": "#/components/responses/gone"}}), "dangling $ref"),
    ],
)  # fmt: skip
def test_a_malformed_spec_is_a_malformed_spec_error_not_a_traceback(edit: Callable[[Spec], None], says: str) -> None:
    spec = copy.deepcopy(BASE)
    edit(spec)

    with pytest.raises(MalformedSpec, match=re.escape(says)):
        diff_specs(spec, BASE)
    with pytest.raises(BaselineError, match=re.escape("cannot compare old.yaml with new.yaml")):
        compare_contracts(source(spec, "old.yaml"), source(BASE, "new.yaml"))


def test_a_renamed_operation_is_one_rename_not_a_removal_and_an_addition() -> None:
    findings = contract(BASE, edited(rename_operation))
    assert [f.kind for f in findings] == [ChangeKind.OPERATION_RENAMED]
    assert "listConfigurations → listAllConfigurations" in findings[0].detail


def test_operations_added_and_removed() -> None:
    spec = copy.deepcopy(BASE)
    path = "/deviceAppManagement/iosLobAppProvisioningConfigurations/{iosLobAppProvisioningConfigurationId}/assign"
    spec["paths"]["/deviceAppManagement/assign"] = spec["paths"].pop(path) | {"parameters": []}
    spec["paths"]["/deviceAppManagement/assign"]["post"]["operationId"] = "assignEverything"

    found = {(f.kind, f.location, f.breaking_for_clients, f.breaking_for_servers) for f in contract(BASE, spec)}
    assert found == {
        (ChangeKind.OPERATION_REMOVED, "assignConfiguration", True, False),
        (ChangeKind.OPERATION_ADDED, "assignEverything", False, True),
    }


def test_a_tighter_query_parameter_breaks_clients_and_a_new_required_one_breaks_both() -> None:
    spec = copy.deepcopy(BASE)
    spec["components"]["parameters"]["top"]["schema"]["maximum"] = 999
    get = spec["paths"]["/deviceAppManagement/iosLobAppProvisioningConfigurations"]["get"]
    get["parameters"].append({"name": "tenant", "in": "query", "required": True, "schema": {"type": "string"}})

    found = {(f.title, f.location, f.breaking_for_clients, f.breaking_for_servers) for f in contract(BASE, spec)}
    assert found == {
        ("maximum narrowed", "components.parameters.top", True, False),
        ("parameter added (required)", "listConfigurations: query parameter tenant", True, True),
    }


def test_documentation_only_breaks_nobody() -> None:
    spec = copy.deepcopy(BASE)
    spec["info"]["description"] = "Reworded."
    schemas(spec)["entity"]["properties"]["id"]["description"] = "Reworded."

    findings = contract(BASE, spec)
    assert {(f.kind, f.subject, f.breaking) for f in findings} == {(ChangeKind.DOCUMENTATION, "description", False)}
    assert len(findings) == 2


def test_a_keyword_no_rule_covers_is_treated_as_breaking_for_review() -> None:
    spec = copy.deepcopy(BASE)
    spec["paths"]["/deviceAppManagement/iosLobAppProvisioningConfigurations"]["get"]["x-ms-permissions"] = {}

    (finding,) = contract(BASE, spec)
    assert (finding.kind, finding.subject, finding.breaking_for_clients, finding.breaking_for_servers) == (
        ChangeKind.INCOMPATIBLE, "x-ms-permissions", True, True
    )  # fmt: skip
    assert "review by hand" in finding.detail


@pytest.mark.parametrize(
    ("kind", "direction", "clients", "servers"),
    [
        (ChangeKind.ADDED_OPTIONAL, Direction.REQUEST, False, True),
        (ChangeKind.ADDED_OPTIONAL, Direction.RESPONSE, False, False),
        (ChangeKind.ADDED_REQUIRED, Direction.RESPONSE, False, True),
        (ChangeKind.BECAME_REQUIRED, Direction.REQUEST, True, False),
        (ChangeKind.BECAME_OPTIONAL, Direction.RESPONSE, True, False),
        (ChangeKind.WIDENED, Direction.RESPONSE, True, False),
        (ChangeKind.NARROWED, Direction.RESPONSE, False, True),
        (ChangeKind.REMOVED, Direction.NONE, False, False),
        (ChangeKind.OPERATION_ADDED, Direction.NONE, False, True),
    ],
)
def test_rules(kind: ChangeKind, direction: Direction, clients: bool, servers: bool) -> None:
    assert breaks(Change(kind, "x", "somewhere", direction)) == (clients, servers)


def test_every_kind_has_a_rule() -> None:
    for kind in ChangeKind:
        breaks(Change(kind, "x", "somewhere", Direction.BOTH))  # raises KeyError for a kind without one
    assert ChangeKind.DOCUMENTATION in RULES


@pytest.mark.parametrize(
    ("old", "new", "warranted", "ok", "says"),
    [
        ("1.0.0", "1.0.0", Bump.MAJOR, False, "set it to 2.0.0"),
        ("1.0.0", "1.1.0", Bump.MAJOR, False, "set it to 2.0.0"),
        ("1.0.0", "2.0.0", Bump.MAJOR, True, "a major bump"),
        ("1.2.3", "1.2.4", Bump.MINOR, False, "set it to 1.3.0"),
        ("1.2.3", "1.3.0", Bump.MINOR, True, "a minor bump"),
        ("1.2.3", "1.2.4", Bump.PATCH, True, "a patch bump"),
        ("1.2.3", "1.2.2", Bump.PATCH, False, "went backwards"),
        ("1.0", "1.0", Bump.PATCH, False, "not MAJOR.MINOR.PATCH"),
    ],
)
def test_version_advice(old: str, new: str, warranted: Bump, ok: bool, says: str) -> None:
    advice = advise(old, new, warranted)
    assert (advice.ok, advice.warranted) == (ok, warranted)
    assert says in advice.message


def source(spec: Spec, label: str) -> Any:
    return parse(label, yaml.safe_dump(spec, sort_keys=False))


def test_report_without_change_needs_no_generation_and_exits_0(tmp_path: Path) -> None:
    bumped = copy.deepcopy(BASE)
    bumped["info"]["version"] = "1.0.1"  # a version bump alone is no change

    report = build_report(source(BASE, "old"), source(bumped, "new"), tmp_path / "never-read")

    assert report.unchanged
    assert report.client is None
    assert report.exit_code(FailOn.MINOR) == EXIT_NO_CHANGE
    assert "No change" in render(report, Format.TEXT)


def test_report_verdict_bump_and_renderings(base_client: Path, tmp_path: Path) -> None:
    spec = edited(remove_response_property)
    new_client = generate(write(spec, tmp_path / "new.yaml"), tmp_path)

    client = compare_clients(base_client, new_client)  # what build_report does, minus one more generation
    report = assemble(source(BASE, "old.yaml"), source(spec, "new.yaml"), contract(BASE, spec), client)

    assert (report.exit_code(FailOn.MINOR), report.bump, report.version.ok) == (EXIT_BREAKING, Bump.MAJOR, False)
    text = render(report, Format.TEXT)
    assert "Verdict: BREAKING" in text
    assert "BREAKS   ok       property removed: iosLobAppProvisioningConfigurationAssignmentCollectionResponse" in text
    assert "odata_next_link: Public object was removed" in text
    assert f"set it to {int(BASE['info']['version'].split('.')[0]) + 1}.0.0" in text
    markdown = render(report, Format.MARKDOWN)
    assert markdown.startswith("## Spec change report")
    row = "| property removed | `iosLobAppProvisioningConfigurationAssignmentCollectionResponse.@odata.nextLink` (in"
    assert row in markdown


def test_obligations_for_servers_alone_warrant_a_minor_bump_and_exit_3() -> None:
    spec = copy.deepcopy(BASE)
    schemas(spec)["assignConfigurationRequest"]["properties"]["intent"] = {"type": "string"}  # optional, requests
    path = "/deviceAppManagement/iosLobAppProvisioningConfigurations/{iosLobAppProvisioningConfigurationId}/assign"
    spec["paths"]["/deviceAppManagement/assignAll"] = copy.deepcopy(spec["paths"][path])
    spec["paths"]["/deviceAppManagement/assignAll"]["post"]["operationId"] = "assignAll"
    findings = contract(BASE, spec)
    assert {(f.kind, f.breaking_for_clients, f.breaking_for_servers) for f in findings} == {
        (ChangeKind.ADDED_OPTIONAL, False, True),
        (ChangeKind.OPERATION_ADDED, False, True),
    }

    report = assemble(source(BASE, "a"), source(spec, "b"), findings, ClientDiff([], []))

    assert (report.breaking, report.exit_code(FailOn.MINOR), report.bump, report.server_obligations) == (
        False, EXIT_NON_BREAKING, Bump.MINOR, 2
    )  # fmt: skip
    sentence = (
        "New obligations for servers: 2 "
        "(servers implementing the previous contract will not conform until they add them)."
    )
    text = render(report, Format.TEXT)
    assert "Verdict: non-breaking for existing clients" in text
    assert sentence in text
    assert "ok       BREAKS   operation added: assignAll" in text  # the servers column is kept
    assert sentence in render(report, Format.MARKDOWN)


def test_the_client_level_names_objects_after_the_new_package(base_client: Path, tmp_path: Path) -> None:
    spec = edited(remove_response_property)
    renamed = shutil.copytree(generate(write(spec, tmp_path / "new.yaml"), tmp_path), tmp_path / "c_x")

    client = compare_clients(base_client, renamed)

    assert client.breakages
    assert client.api
    paths = [*(b.location for b in client.breakages), *(b.module for b in client.breakages)]
    paths += [item.path for item in client.api]
    assert all(path.startswith("c_x.") for path in paths), paths
    assert client.package == "c_x"


def test_documentation_only_warrants_a_patch_and_exits_3() -> None:
    spec = copy.deepcopy(BASE)
    spec["info"]["description"] = "Reworded."
    findings = contract(BASE, spec)
    report = assemble(source(BASE, "a"), source(spec, "b"), findings, ClientDiff([], []))

    assert (report.exit_code(FailOn.MINOR), report.bump) == (EXIT_NON_BREAKING, Bump.PATCH)


ASSIGNMENT_PATH = (
    "/deviceAppManagement/iosLobAppProvisioningConfigurations/{iosLobAppProvisioningConfigurationId}"
    "/assignments/{iosLobAppProvisioningConfigurationAssignmentId}"
)


def test_a_renamed_path_parameter_is_one_rename_not_paths_removed_and_added() -> None:
    spec = copy.deepcopy(BASE)
    spec["paths"][ASSIGNMENT_PATH.replace("{iosLobAppProvisioningConfigurationAssignmentId}", "{assignmentId}")] = spec[
        "paths"
    ].pop(ASSIGNMENT_PATH)
    spec["components"]["parameters"]["assignmentId"]["name"] = "assignmentId"

    findings = contract(BASE, spec)

    assert {(f.kind, f.location, f.breaking) for f in findings} == {
        (ChangeKind.RENAMED, f"{operation}: path parameter assignmentId", False)
        for operation in ("getAssignment", "updateAssignment", "deleteAssignment")
    }
    assert all("{iosLobAppProvisioningConfigurationAssignmentId} → {assignmentId}" in f.detail for f in findings)


def test_an_error_status_breaks_nobody_and_a_success_status_breaks_clients() -> None:
    spec = copy.deepcopy(BASE)
    responses = spec["paths"][ASSIGNMENT_PATH]["delete"]["responses"]
    responses["409"] = {"$ref": "#/components/responses/badRequest"}
    responses["202"] = {"description": "Accepted."}
    del responses["404"]

    found = {(f.title, f.detail, f.breaking_for_clients, f.breaking_for_servers) for f in contract(BASE, spec)}
    assert found == {
        ("error status added", "409", False, False),
        ("error status removed", "404", False, False),
        ("response status added", "202", True, False),
    }


def test_content_encoding_and_media_type_are_annotations() -> None:
    spec = copy.deepcopy(BASE)
    payload = schemas(spec)["iosLobAppProvisioningConfiguration"]["allOf"][1]["properties"]["payload"]
    payload["contentMediaType"] = "application/octet-stream"
    del payload["contentEncoding"]

    findings = contract(BASE, spec)
    assert {(f.title, f.breaking) for f in findings} == {
        ("contentMediaType changed (annotation)", False),
        ("contentEncoding changed (annotation)", False),
    }
    report = assemble(source(BASE, "a"), source(spec, "b"), findings, ClientDiff([], []))
    assert (report.bump, report.exit_code(FailOn.MINOR), report.exit_code(None)) == (Bump.PATCH, EXIT_NON_BREAKING, 0)


def test_models_have_keyword_only_constructors_so_property_order_is_no_api() -> None:
    from ios_lob_kit.generated_client.models import GroupAssignmentTarget

    with pytest.raises(TypeError):
        GroupAssignmentTarget("#microsoft.graph.groupAssignmentTarget")  # type: ignore[call-arg]
    target = GroupAssignmentTarget(group_id="g", odata_type="#microsoft.graph.groupAssignmentTarget")
    assert target.to_dict()["groupId"] == "g"
