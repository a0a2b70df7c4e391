from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ios_lob_app_provisioning_configuration_assignment_request import (
        IosLobAppProvisioningConfigurationAssignmentRequest,
    )
    from ..models.mobile_app_provisioning_config_group_assignment_request import (
        MobileAppProvisioningConfigGroupAssignmentRequest,
    )


T = TypeVar("T", bound="AssignConfigurationRequest")


@_attrs_define(kw_only=True)
class AssignConfigurationRequest:
    """The body of the `assign` action. Closed (400 on a parameter the action does not declare).

    Attributes:
        app_provisioning_configuration_group_assignments (list[MobileAppProvisioningConfigGroupAssignmentRequest] |
            Unset):
        i_os_lob_app_provisioning_config_assignments (list[IosLobAppProvisioningConfigurationAssignmentRequest] |
            Unset):
    """

    app_provisioning_configuration_group_assignments: (
        list[MobileAppProvisioningConfigGroupAssignmentRequest] | Unset
    ) = UNSET
    i_os_lob_app_provisioning_config_assignments: (
        list[IosLobAppProvisioningConfigurationAssignmentRequest] | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        app_provisioning_configuration_group_assignments: (
            list[dict[str, Any]] | Unset
        ) = UNSET
        if not isinstance(self.app_provisioning_configuration_group_assignments, Unset):
            app_provisioning_configuration_group_assignments = []
            for (
                app_provisioning_configuration_group_assignments_item_data
            ) in self.app_provisioning_configuration_group_assignments:
                app_provisioning_configuration_group_assignments_item = (
                    app_provisioning_configuration_group_assignments_item_data.to_dict()
                )
                app_provisioning_configuration_group_assignments.append(
                    app_provisioning_configuration_group_assignments_item
                )

        i_os_lob_app_provisioning_config_assignments: list[dict[str, Any]] | Unset = (
            UNSET
        )
        if not isinstance(self.i_os_lob_app_provisioning_config_assignments, Unset):
            i_os_lob_app_provisioning_config_assignments = []
            for (
                i_os_lob_app_provisioning_config_assignments_item_data
            ) in self.i_os_lob_app_provisioning_config_assignments:
                i_os_lob_app_provisioning_config_assignments_item = (
                    i_os_lob_app_provisioning_config_assignments_item_data.to_dict()
                )
                i_os_lob_app_provisioning_config_assignments.append(
                    i_os_lob_app_provisioning_config_assignments_item
                )

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if app_provisioning_configuration_group_assignments is not UNSET:
            field_dict["appProvisioningConfigurationGroupAssignments"] = (
                app_provisioning_configuration_group_assignments
            )
        if i_os_lob_app_provisioning_config_assignments is not UNSET:
            field_dict["iOSLobAppProvisioningConfigAssignments"] = (
                i_os_lob_app_provisioning_config_assignments
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ios_lob_app_provisioning_configuration_assignment_request import (
            IosLobAppProvisioningConfigurationAssignmentRequest,
        )
        from ..models.mobile_app_provisioning_config_group_assignment_request import (
            MobileAppProvisioningConfigGroupAssignmentRequest,
        )

        d = dict(src_dict)
        _app_provisioning_configuration_group_assignments = d.pop(
            "appProvisioningConfigurationGroupAssignments", UNSET
        )
        app_provisioning_configuration_group_assignments: (
            list[MobileAppProvisioningConfigGroupAssignmentRequest] | Unset
        ) = UNSET
        if _app_provisioning_configuration_group_assignments is not UNSET:
            app_provisioning_configuration_group_assignments = []
            for (
                app_provisioning_configuration_group_assignments_item_data
            ) in _app_provisioning_configuration_group_assignments:
                app_provisioning_configuration_group_assignments_item = (
                    MobileAppProvisioningConfigGroupAssignmentRequest.from_dict(
                        app_provisioning_configuration_group_assignments_item_data
                    )
                )

                app_provisioning_configuration_group_assignments.append(
                    app_provisioning_configuration_group_assignments_item
                )

        _i_os_lob_app_provisioning_config_assignments = d.pop(
            "iOSLobAppProvisioningConfigAssignments", UNSET
        )
        i_os_lob_app_provisioning_config_assignments: (
            list[IosLobAppProvisioningConfigurationAssignmentRequest] | Unset
        ) = UNSET
        if _i_os_lob_app_provisioning_config_assignments is not UNSET:
            i_os_lob_app_provisioning_config_assignments = []
            for (
                i_os_lob_app_provisioning_config_assignments_item_data
            ) in _i_os_lob_app_provisioning_config_assignments:
                i_os_lob_app_provisioning_config_assignments_item = (
                    IosLobAppProvisioningConfigurationAssignmentRequest.from_dict(
                        i_os_lob_app_provisioning_config_assignments_item_data
                    )
                )

                i_os_lob_app_provisioning_config_assignments.append(
                    i_os_lob_app_provisioning_config_assignments_item
                )

        assign_configuration_request = cls(
            app_provisioning_configuration_group_assignments=app_provisioning_configuration_group_assignments,
            i_os_lob_app_provisioning_config_assignments=i_os_lob_app_provisioning_config_assignments,
        )

        assign_configuration_request.additional_properties = d
        return assign_configuration_request

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
