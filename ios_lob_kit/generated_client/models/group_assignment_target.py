from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.device_and_app_management_assignment_filter_type import (
    DeviceAndAppManagementAssignmentFilterType,
    check_device_and_app_management_assignment_filter_type,
)
from ..models.group_assignment_target_odata_type import (
    GroupAssignmentTargetOdataType,
    check_group_assignment_target_odata_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupAssignmentTarget")


@_attrs_define(kw_only=True)
class GroupAssignmentTarget:
    """The members of one group.

    Attributes:
        odata_type (GroupAssignmentTargetOdataType):
        device_and_app_management_assignment_filter_id (None | str | Unset): The id of the assignment filter applied to
            the target.
        device_and_app_management_assignment_filter_type (DeviceAndAppManagementAssignmentFilterType | Unset): How the
            filter applies. Graph enums are evolvable; new members may appear.
        group_id (None | str | Unset): The id of the group.
    """

    odata_type: GroupAssignmentTargetOdataType
    device_and_app_management_assignment_filter_id: None | str | Unset = UNSET
    device_and_app_management_assignment_filter_type: (
        DeviceAndAppManagementAssignmentFilterType | Unset
    ) = UNSET
    group_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        odata_type: str = self.odata_type

        device_and_app_management_assignment_filter_id: None | str | Unset
        if isinstance(self.device_and_app_management_assignment_filter_id, Unset):
            device_and_app_management_assignment_filter_id = UNSET
        else:
            device_and_app_management_assignment_filter_id = (
                self.device_and_app_management_assignment_filter_id
            )

        device_and_app_management_assignment_filter_type: str | Unset = UNSET
        if not isinstance(self.device_and_app_management_assignment_filter_type, Unset):
            device_and_app_management_assignment_filter_type = (
                self.device_and_app_management_assignment_filter_type
            )

        group_id: None | str | Unset
        if isinstance(self.group_id, Unset):
            group_id = UNSET
        else:
            group_id = self.group_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "@odata.type": odata_type,
            }
        )
        if device_and_app_management_assignment_filter_id is not UNSET:
            field_dict["deviceAndAppManagementAssignmentFilterId"] = (
                device_and_app_management_assignment_filter_id
            )
        if device_and_app_management_assignment_filter_type is not UNSET:
            field_dict["deviceAndAppManagementAssignmentFilterType"] = (
                device_and_app_management_assignment_filter_type
            )
        if group_id is not UNSET:
            field_dict["groupId"] = group_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        odata_type = check_group_assignment_target_odata_type(d.pop("@odata.type"))

        def _parse_device_and_app_management_assignment_filter_id(
            data: object,
        ) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        device_and_app_management_assignment_filter_id = (
            _parse_device_and_app_management_assignment_filter_id(
                d.pop("deviceAndAppManagementAssignmentFilterId", UNSET)
            )
        )

        _device_and_app_management_assignment_filter_type = d.pop(
            "deviceAndAppManagementAssignmentFilterType", UNSET
        )
        device_and_app_management_assignment_filter_type: (
            DeviceAndAppManagementAssignmentFilterType | Unset
        )
        if isinstance(_device_and_app_management_assignment_filter_type, Unset):
            device_and_app_management_assignment_filter_type = UNSET
        else:
            device_and_app_management_assignment_filter_type = (
                check_device_and_app_management_assignment_filter_type(
                    _device_and_app_management_assignment_filter_type
                )
            )

        def _parse_group_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group_id = _parse_group_id(d.pop("groupId", UNSET))

        group_assignment_target = cls(
            odata_type=odata_type,
            device_and_app_management_assignment_filter_id=device_and_app_management_assignment_filter_id,
            device_and_app_management_assignment_filter_type=device_and_app_management_assignment_filter_type,
            group_id=group_id,
        )

        group_assignment_target.additional_properties = d
        return group_assignment_target

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
