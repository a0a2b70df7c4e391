from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ios_lob_app_provisioning_configuration_assignment_odata_type import (
    IosLobAppProvisioningConfigurationAssignmentOdataType,
    check_ios_lob_app_provisioning_configuration_assignment_odata_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.all_devices_assignment_target import AllDevicesAssignmentTarget
    from ..models.all_licensed_users_assignment_target import (
        AllLicensedUsersAssignmentTarget,
    )
    from ..models.configuration_manager_collection_assignment_target import (
        ConfigurationManagerCollectionAssignmentTarget,
    )
    from ..models.device_and_app_management_assignment_target import (
        DeviceAndAppManagementAssignmentTarget,
    )
    from ..models.exclusion_group_assignment_target import (
        ExclusionGroupAssignmentTarget,
    )
    from ..models.group_assignment_target import GroupAssignmentTarget


T = TypeVar("T", bound="IosLobAppProvisioningConfigurationAssignment")


@_attrs_define(kw_only=True)
class IosLobAppProvisioningConfigurationAssignment:
    """An assignment of a configuration to a target (derives from entity), as answers carry it: Graph
    always sends `@odata.type` and `id`. Open: an answer may carry more.

        Attributes:
            id (str): The key. Server-assigned; ignored in create and item-update bodies.
            odata_type (IosLobAppProvisioningConfigurationAssignmentOdataType):
            target (AllDevicesAssignmentTarget | AllLicensedUsersAssignmentTarget |
                ConfigurationManagerCollectionAssignmentTarget | DeviceAndAppManagementAssignmentTarget |
                ExclusionGroupAssignmentTarget | GroupAssignmentTarget | None | Unset): Whom an assignment targets: one of the
                target kinds, told apart by `@odata.type` (either
                spelling), or null. No `discriminator`: each kind pins its own `@odata.type`, which makes the
                choice exclusive (the generator ignores discriminators, and fuzzers would only send one spelling).
    """

    id: str
    odata_type: IosLobAppProvisioningConfigurationAssignmentOdataType
    target: (
        AllDevicesAssignmentTarget
        | AllLicensedUsersAssignmentTarget
        | ConfigurationManagerCollectionAssignmentTarget
        | DeviceAndAppManagementAssignmentTarget
        | ExclusionGroupAssignmentTarget
        | GroupAssignmentTarget
        | None
        | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.all_devices_assignment_target import AllDevicesAssignmentTarget
        from ..models.all_licensed_users_assignment_target import (
            AllLicensedUsersAssignmentTarget,
        )
        from ..models.configuration_manager_collection_assignment_target import (
            ConfigurationManagerCollectionAssignmentTarget,
        )
        from ..models.device_and_app_management_assignment_target import (
            DeviceAndAppManagementAssignmentTarget,
        )
        from ..models.exclusion_group_assignment_target import (
            ExclusionGroupAssignmentTarget,
        )
        from ..models.group_assignment_target import GroupAssignmentTarget

        id = self.id

        odata_type: str = self.odata_type

        target: dict[str, Any] | None | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        elif (
            isinstance(self.target, DeviceAndAppManagementAssignmentTarget)
            or isinstance(self.target, AllDevicesAssignmentTarget)
            or isinstance(self.target, AllLicensedUsersAssignmentTarget)
            or isinstance(self.target, GroupAssignmentTarget)
            or isinstance(self.target, ExclusionGroupAssignmentTarget)
            or isinstance(self.target, ConfigurationManagerCollectionAssignmentTarget)
        ):
            target = self.target.to_dict()
        else:
            target = self.target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "@odata.type": odata_type,
            }
        )
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.all_devices_assignment_target import AllDevicesAssignmentTarget
        from ..models.all_licensed_users_assignment_target import (
            AllLicensedUsersAssignmentTarget,
        )
        from ..models.configuration_manager_collection_assignment_target import (
            ConfigurationManagerCollectionAssignmentTarget,
        )
        from ..models.device_and_app_management_assignment_target import (
            DeviceAndAppManagementAssignmentTarget,
        )
        from ..models.exclusion_group_assignment_target import (
            ExclusionGroupAssignmentTarget,
        )
        from ..models.group_assignment_target import GroupAssignmentTarget

        d = dict(src_dict)
        id = d.pop("id")

        odata_type = check_ios_lob_app_provisioning_configuration_assignment_odata_type(
            d.pop("@odata.type")
        )

        def _parse_target(
            data: object,
        ) -> (
            AllDevicesAssignmentTarget
            | AllLicensedUsersAssignmentTarget
            | ConfigurationManagerCollectionAssignmentTarget
            | DeviceAndAppManagementAssignmentTarget
            | ExclusionGroupAssignmentTarget
            | GroupAssignmentTarget
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemasassignment_target_type_0 = (
                    DeviceAndAppManagementAssignmentTarget.from_dict(data)
                )

                return componentsschemasassignment_target_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemasassignment_target_type_1 = (
                    AllDevicesAssignmentTarget.from_dict(data)
                )

                return componentsschemasassignment_target_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemasassignment_target_type_2 = (
                    AllLicensedUsersAssignmentTarget.from_dict(data)
                )

                return componentsschemasassignment_target_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemasassignment_target_type_3 = (
                    GroupAssignmentTarget.from_dict(data)
                )

                return componentsschemasassignment_target_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemasassignment_target_type_4 = (
                    ExclusionGroupAssignmentTarget.from_dict(data)
                )

                return componentsschemasassignment_target_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemasassignment_target_type_5 = (
                    ConfigurationManagerCollectionAssignmentTarget.from_dict(data)
                )

                return componentsschemasassignment_target_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"target: no known kind matches {data!r}")

        target = _parse_target(d.pop("target", UNSET))

        ios_lob_app_provisioning_configuration_assignment = cls(
            id=id,
            odata_type=odata_type,
            target=target,
        )

        ios_lob_app_provisioning_configuration_assignment.additional_properties = d
        return ios_lob_app_provisioning_configuration_assignment

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
