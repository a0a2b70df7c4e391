from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mobile_app_provisioning_config_group_assignment_request_odata_type import (
    MobileAppProvisioningConfigGroupAssignmentRequestOdataType,
    check_mobile_app_provisioning_config_group_assignment_request_odata_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="MobileAppProvisioningConfigGroupAssignmentRequest")


@_attrs_define(kw_only=True)
class MobileAppProvisioningConfigGroupAssignmentRequest:
    """A group assignment as the `assign` action sends it. Closed (400 on an undeclared property).

    Attributes:
        id (str | Unset): The key. Server-assigned; ignored in create and item-update bodies.
        odata_type (MobileAppProvisioningConfigGroupAssignmentRequestOdataType | Unset):
        target_group_id (None | str | Unset): The id of the group.
    """

    id: str | Unset = UNSET
    odata_type: MobileAppProvisioningConfigGroupAssignmentRequestOdataType | Unset = (
        UNSET
    )
    target_group_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        odata_type: str | Unset = UNSET
        if not isinstance(self.odata_type, Unset):
            odata_type = self.odata_type

        target_group_id: None | str | Unset
        if isinstance(self.target_group_id, Unset):
            target_group_id = UNSET
        else:
            target_group_id = self.target_group_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if target_group_id is not UNSET:
            field_dict["targetGroupId"] = target_group_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _odata_type = d.pop("@odata.type", UNSET)
        odata_type: MobileAppProvisioningConfigGroupAssignmentRequestOdataType | Unset
        if isinstance(_odata_type, Unset):
            odata_type = UNSET
        else:
            odata_type = check_mobile_app_provisioning_config_group_assignment_request_odata_type(
                _odata_type
            )

        def _parse_target_group_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_group_id = _parse_target_group_id(d.pop("targetGroupId", UNSET))

        mobile_app_provisioning_config_group_assignment_request = cls(
            id=id,
            odata_type=odata_type,
            target_group_id=target_group_id,
        )

        mobile_app_provisioning_config_group_assignment_request.additional_properties = d
        return mobile_app_provisioning_config_group_assignment_request

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
