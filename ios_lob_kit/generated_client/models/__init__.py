"""Contains all the data models used in inputs/outputs"""

# Kit change: models are imported on first use (PEP 562), so importing one operation's module does not
# import every model; type checkers still see every name.
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .all_devices_assignment_target import AllDevicesAssignmentTarget
    from .all_devices_assignment_target_odata_type import (
        AllDevicesAssignmentTargetOdataType,
    )
    from .all_licensed_users_assignment_target import AllLicensedUsersAssignmentTarget
    from .all_licensed_users_assignment_target_odata_type import (
        AllLicensedUsersAssignmentTargetOdataType,
    )
    from .assign_configuration_request import AssignConfigurationRequest
    from .assignment_filter_properties import AssignmentFilterProperties
    from .configuration_manager_collection_assignment_target import (
        ConfigurationManagerCollectionAssignmentTarget,
    )
    from .configuration_manager_collection_assignment_target_odata_type import (
        ConfigurationManagerCollectionAssignmentTargetOdataType,
    )
    from .device_and_app_management_assignment_filter_type import (
        DeviceAndAppManagementAssignmentFilterType,
    )
    from .device_and_app_management_assignment_target import (
        DeviceAndAppManagementAssignmentTarget,
    )
    from .device_and_app_management_assignment_target_odata_type import (
        DeviceAndAppManagementAssignmentTargetOdataType,
    )
    from .entity import Entity
    from .error_details import ErrorDetails
    from .exclusion_group_assignment_target import ExclusionGroupAssignmentTarget
    from .exclusion_group_assignment_target_odata_type import (
        ExclusionGroupAssignmentTargetOdataType,
    )
    from .group_assignment_target import GroupAssignmentTarget
    from .group_assignment_target_odata_type import GroupAssignmentTargetOdataType
    from .inner_error import InnerError
    from .ios_lob_app_provisioning_configuration import (
        IosLobAppProvisioningConfiguration,
    )
    from .ios_lob_app_provisioning_configuration_assignment import (
        IosLobAppProvisioningConfigurationAssignment,
    )
    from .ios_lob_app_provisioning_configuration_assignment_collection_response import (
        IosLobAppProvisioningConfigurationAssignmentCollectionResponse,
    )
    from .ios_lob_app_provisioning_configuration_assignment_odata_type import (
        IosLobAppProvisioningConfigurationAssignmentOdataType,
    )
    from .ios_lob_app_provisioning_configuration_assignment_request import (
        IosLobAppProvisioningConfigurationAssignmentRequest,
    )
    from .ios_lob_app_provisioning_configuration_assignment_request_odata_type import (
        IosLobAppProvisioningConfigurationAssignmentRequestOdataType,
    )
    from .ios_lob_app_provisioning_configuration_collection_response import (
        IosLobAppProvisioningConfigurationCollectionResponse,
    )
    from .ios_lob_app_provisioning_configuration_odata_type import (
        IosLobAppProvisioningConfigurationOdataType,
    )
    from .ios_lob_app_provisioning_configuration_request import (
        IosLobAppProvisioningConfigurationRequest,
    )
    from .ios_lob_app_provisioning_configuration_request_odata_type import (
        IosLobAppProvisioningConfigurationRequestOdataType,
    )
    from .main_error import MainError
    from .mobile_app_provisioning_config_group_assignment import (
        MobileAppProvisioningConfigGroupAssignment,
    )
    from .mobile_app_provisioning_config_group_assignment_collection_response import (
        MobileAppProvisioningConfigGroupAssignmentCollectionResponse,
    )
    from .mobile_app_provisioning_config_group_assignment_odata_type import (
        MobileAppProvisioningConfigGroupAssignmentOdataType,
    )
    from .mobile_app_provisioning_config_group_assignment_request import (
        MobileAppProvisioningConfigGroupAssignmentRequest,
    )
    from .mobile_app_provisioning_config_group_assignment_request_odata_type import (
        MobileAppProvisioningConfigGroupAssignmentRequestOdataType,
    )
    from .o_data_error import ODataError

_MODULE_OF = {
    "AllDevicesAssignmentTarget": ".all_devices_assignment_target",
    "AllDevicesAssignmentTargetOdataType": ".all_devices_assignment_target_odata_type",
    "AllLicensedUsersAssignmentTarget": ".all_licensed_users_assignment_target",
    "AllLicensedUsersAssignmentTargetOdataType": ".all_licensed_users_assignment_target_odata_type",
    "AssignConfigurationRequest": ".assign_configuration_request",
    "AssignmentFilterProperties": ".assignment_filter_properties",
    "ConfigurationManagerCollectionAssignmentTarget": ".configuration_manager_collection_assignment_target",
    "ConfigurationManagerCollectionAssignmentTargetOdataType": ".configuration_manager_collection_assignment_target_odata_type",
    "DeviceAndAppManagementAssignmentFilterType": ".device_and_app_management_assignment_filter_type",
    "DeviceAndAppManagementAssignmentTarget": ".device_and_app_management_assignment_target",
    "DeviceAndAppManagementAssignmentTargetOdataType": ".device_and_app_management_assignment_target_odata_type",
    "Entity": ".entity",
    "ErrorDetails": ".error_details",
    "ExclusionGroupAssignmentTarget": ".exclusion_group_assignment_target",
    "ExclusionGroupAssignmentTargetOdataType": ".exclusion_group_assignment_target_odata_type",
    "GroupAssignmentTarget": ".group_assignment_target",
    "GroupAssignmentTargetOdataType": ".group_assignment_target_odata_type",
    "InnerError": ".inner_error",
    "IosLobAppProvisioningConfiguration": ".ios_lob_app_provisioning_configuration",
    "IosLobAppProvisioningConfigurationAssignment": ".ios_lob_app_provisioning_configuration_assignment",
    "IosLobAppProvisioningConfigurationAssignmentCollectionResponse": ".ios_lob_app_provisioning_configuration_assignment_collection_response",
    "IosLobAppProvisioningConfigurationAssignmentOdataType": ".ios_lob_app_provisioning_configuration_assignment_odata_type",
    "IosLobAppProvisioningConfigurationAssignmentRequest": ".ios_lob_app_provisioning_configuration_assignment_request",
    "IosLobAppProvisioningConfigurationAssignmentRequestOdataType": ".ios_lob_app_provisioning_configuration_assignment_request_odata_type",
    "IosLobAppProvisioningConfigurationCollectionResponse": ".ios_lob_app_provisioning_configuration_collection_response",
    "IosLobAppProvisioningConfigurationOdataType": ".ios_lob_app_provisioning_configuration_odata_type",
    "IosLobAppProvisioningConfigurationRequest": ".ios_lob_app_provisioning_configuration_request",
    "IosLobAppProvisioningConfigurationRequestOdataType": ".ios_lob_app_provisioning_configuration_request_odata_type",
    "MainError": ".main_error",
    "MobileAppProvisioningConfigGroupAssignment": ".mobile_app_provisioning_config_group_assignment",
    "MobileAppProvisioningConfigGroupAssignmentCollectionResponse": ".mobile_app_provisioning_config_group_assignment_collection_response",
    "MobileAppProvisioningConfigGroupAssignmentOdataType": ".mobile_app_provisioning_config_group_assignment_odata_type",
    "MobileAppProvisioningConfigGroupAssignmentRequest": ".mobile_app_provisioning_config_group_assignment_request",
    "MobileAppProvisioningConfigGroupAssignmentRequestOdataType": ".mobile_app_provisioning_config_group_assignment_request_odata_type",
    "ODataError": ".o_data_error",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(_MODULE_OF)


__all__ = (
    "AllDevicesAssignmentTarget",
    "AllDevicesAssignmentTargetOdataType",
    "AllLicensedUsersAssignmentTarget",
    "AllLicensedUsersAssignmentTargetOdataType",
    "AssignConfigurationRequest",
    "AssignmentFilterProperties",
    "ConfigurationManagerCollectionAssignmentTarget",
    "ConfigurationManagerCollectionAssignmentTargetOdataType",
    "DeviceAndAppManagementAssignmentFilterType",
    "DeviceAndAppManagementAssignmentTarget",
    "DeviceAndAppManagementAssignmentTargetOdataType",
    "Entity",
    "ErrorDetails",
    "ExclusionGroupAssignmentTarget",
    "ExclusionGroupAssignmentTargetOdataType",
    "GroupAssignmentTarget",
    "GroupAssignmentTargetOdataType",
    "InnerError",
    "IosLobAppProvisioningConfiguration",
    "IosLobAppProvisioningConfigurationAssignment",
    "IosLobAppProvisioningConfigurationAssignmentCollectionResponse",
    "IosLobAppProvisioningConfigurationAssignmentOdataType",
    "IosLobAppProvisioningConfigurationAssignmentRequest",
    "IosLobAppProvisioningConfigurationAssignmentRequestOdataType",
    "IosLobAppProvisioningConfigurationCollectionResponse",
    "IosLobAppProvisioningConfigurationOdataType",
    "IosLobAppProvisioningConfigurationRequest",
    "IosLobAppProvisioningConfigurationRequestOdataType",
    "MainError",
    "MobileAppProvisioningConfigGroupAssignment",
    "MobileAppProvisioningConfigGroupAssignmentCollectionResponse",
    "MobileAppProvisioningConfigGroupAssignmentOdataType",
    "MobileAppProvisioningConfigGroupAssignmentRequest",
    "MobileAppProvisioningConfigGroupAssignmentRequestOdataType",
    "ODataError",
)
