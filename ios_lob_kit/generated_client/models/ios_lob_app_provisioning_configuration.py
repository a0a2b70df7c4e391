from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ios_lob_app_provisioning_configuration_odata_type import (
    IosLobAppProvisioningConfigurationOdataType,
    check_ios_lob_app_provisioning_configuration_odata_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ios_lob_app_provisioning_configuration_assignment import (
        IosLobAppProvisioningConfigurationAssignment,
    )
    from ..models.mobile_app_provisioning_config_group_assignment import (
        MobileAppProvisioningConfigGroupAssignment,
    )


T = TypeVar("T", bound="IosLobAppProvisioningConfiguration")


@_attrs_define(kw_only=True)
class IosLobAppProvisioningConfiguration:
    """An iOS LOB app provisioning configuration (derives from entity), as answers carry it: Graph always
    sends `@odata.type` and `id` (also under `$select`). Open: an answer may carry more.

        Attributes:
            id (str): The key. Server-assigned; ignored in create and item-update bodies.
            odata_type (IosLobAppProvisioningConfigurationOdataType):
            display_name (str | Unset): Admin-provided name. Not nullable.
            description (None | str | Unset): Admin-provided description.
            version (int | Unset): Version of the configuration.
            created_date_time (datetime.datetime | Unset): Server-set when created; ignored in requests.
            last_modified_date_time (datetime.datetime | Unset): Server-set on every write; ignored in requests.
            expiration_date_time (datetime.datetime | None | Unset): When the provisioning profile expires.
            payload_file_name (str | Unset): The file name of the payload (`*.mobileprovision` or `*.xml`). Not nullable.
            payload (str | Unset): The payload file, base64-encoded. Not nullable.
            role_scope_tag_ids (list[str] | Unset): The scope tags of the configuration.
            assignments (list[IosLobAppProvisioningConfigurationAssignment] | Unset): The navigation property, answered only
                with `$expand=assignments`.
            group_assignments (list[MobileAppProvisioningConfigGroupAssignment] | Unset): The navigation property, answered
                only with `$expand=groupAssignments`.
    """

    id: str
    odata_type: IosLobAppProvisioningConfigurationOdataType
    display_name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    version: int | Unset = UNSET
    created_date_time: datetime.datetime | Unset = UNSET
    last_modified_date_time: datetime.datetime | Unset = UNSET
    expiration_date_time: datetime.datetime | None | Unset = UNSET
    payload_file_name: str | Unset = UNSET
    payload: str | Unset = UNSET
    role_scope_tag_ids: list[str] | Unset = UNSET
    assignments: list[IosLobAppProvisioningConfigurationAssignment] | Unset = UNSET
    group_assignments: list[MobileAppProvisioningConfigGroupAssignment] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        odata_type: str = self.odata_type

        display_name = self.display_name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        version = self.version

        created_date_time: str | Unset = UNSET
        if not isinstance(self.created_date_time, Unset):
            created_date_time = self.created_date_time.isoformat()

        last_modified_date_time: str | Unset = UNSET
        if not isinstance(self.last_modified_date_time, Unset):
            last_modified_date_time = self.last_modified_date_time.isoformat()

        expiration_date_time: None | str | Unset
        if isinstance(self.expiration_date_time, Unset):
            expiration_date_time = UNSET
        elif isinstance(self.expiration_date_time, datetime.datetime):
            expiration_date_time = self.expiration_date_time.isoformat()
        else:
            expiration_date_time = self.expiration_date_time

        payload_file_name = self.payload_file_name

        payload = self.payload

        role_scope_tag_ids: list[str] | Unset = UNSET
        if not isinstance(self.role_scope_tag_ids, Unset):
            role_scope_tag_ids = self.role_scope_tag_ids

        assignments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.assignments, Unset):
            assignments = []
            for assignments_item_data in self.assignments:
                assignments_item = assignments_item_data.to_dict()
                assignments.append(assignments_item)

        group_assignments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.group_assignments, Unset):
            group_assignments = []
            for group_assignments_item_data in self.group_assignments:
                group_assignments_item = group_assignments_item_data.to_dict()
                group_assignments.append(group_assignments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "@odata.type": odata_type,
            }
        )
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if description is not UNSET:
            field_dict["description"] = description
        if version is not UNSET:
            field_dict["version"] = version
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_modified_date_time is not UNSET:
            field_dict["lastModifiedDateTime"] = last_modified_date_time
        if expiration_date_time is not UNSET:
            field_dict["expirationDateTime"] = expiration_date_time
        if payload_file_name is not UNSET:
            field_dict["payloadFileName"] = payload_file_name
        if payload is not UNSET:
            field_dict["payload"] = payload
        if role_scope_tag_ids is not UNSET:
            field_dict["roleScopeTagIds"] = role_scope_tag_ids
        if assignments is not UNSET:
            field_dict["assignments"] = assignments
        if group_assignments is not UNSET:
            field_dict["groupAssignments"] = group_assignments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ios_lob_app_provisioning_configuration_assignment import (
            IosLobAppProvisioningConfigurationAssignment,
        )
        from ..models.mobile_app_provisioning_config_group_assignment import (
            MobileAppProvisioningConfigGroupAssignment,
        )

        d = dict(src_dict)
        id = d.pop("id")

        odata_type = check_ios_lob_app_provisioning_configuration_odata_type(
            d.pop("@odata.type")
        )

        display_name = d.pop("displayName", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        version = d.pop("version", UNSET)

        _created_date_time = d.pop("createdDateTime", UNSET)
        created_date_time: datetime.datetime | Unset
        if isinstance(_created_date_time, Unset):
            created_date_time = UNSET
        else:
            created_date_time = datetime.datetime.fromisoformat(_created_date_time)

        _last_modified_date_time = d.pop("lastModifiedDateTime", UNSET)
        last_modified_date_time: datetime.datetime | Unset
        if isinstance(_last_modified_date_time, Unset):
            last_modified_date_time = UNSET
        else:
            last_modified_date_time = datetime.datetime.fromisoformat(
                _last_modified_date_time
            )

        def _parse_expiration_date_time(
            data: object,
        ) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expiration_date_time_type_0 = datetime.datetime.fromisoformat(data)

                return expiration_date_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expiration_date_time: no known kind matches {data!r}")

        expiration_date_time = _parse_expiration_date_time(
            d.pop("expirationDateTime", UNSET)
        )

        payload_file_name = d.pop("payloadFileName", UNSET)

        payload = d.pop("payload", UNSET)

        role_scope_tag_ids = cast(list[str], d.pop("roleScopeTagIds", UNSET))

        _assignments = d.pop("assignments", UNSET)
        assignments: list[IosLobAppProvisioningConfigurationAssignment] | Unset = UNSET
        if _assignments is not UNSET:
            assignments = []
            for assignments_item_data in _assignments:
                assignments_item = (
                    IosLobAppProvisioningConfigurationAssignment.from_dict(
                        assignments_item_data
                    )
                )

                assignments.append(assignments_item)

        _group_assignments = d.pop("groupAssignments", UNSET)
        group_assignments: list[MobileAppProvisioningConfigGroupAssignment] | Unset = (
            UNSET
        )
        if _group_assignments is not UNSET:
            group_assignments = []
            for group_assignments_item_data in _group_assignments:
                group_assignments_item = (
                    MobileAppProvisioningConfigGroupAssignment.from_dict(
                        group_assignments_item_data
                    )
                )

                group_assignments.append(group_assignments_item)

        ios_lob_app_provisioning_configuration = cls(
            id=id,
            odata_type=odata_type,
            display_name=display_name,
            description=description,
            version=version,
            created_date_time=created_date_time,
            last_modified_date_time=last_modified_date_time,
            expiration_date_time=expiration_date_time,
            payload_file_name=payload_file_name,
            payload=payload,
            role_scope_tag_ids=role_scope_tag_ids,
            assignments=assignments,
            group_assignments=group_assignments,
        )

        ios_lob_app_provisioning_configuration.additional_properties = d
        return ios_lob_app_provisioning_configuration

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
