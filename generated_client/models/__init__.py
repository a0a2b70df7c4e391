"""Contains all the data models used in inputs/outputs"""

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
from .get_assignment_select_item import GetAssignmentSelectItem
from .get_configuration_select_item import GetConfigurationSelectItem
from .group_assignment_target import GroupAssignmentTarget
from .group_assignment_target_odata_type import GroupAssignmentTargetOdataType
from .inner_error import InnerError
from .ios_lob_app_provisioning_configuration import IosLobAppProvisioningConfiguration
from .ios_lob_app_provisioning_configuration_assignment import (
    IosLobAppProvisioningConfigurationAssignment,
)
from .ios_lob_app_provisioning_configuration_assignment_collection_response import (
    IosLobAppProvisioningConfigurationAssignmentCollectionResponse,
)
from .ios_lob_app_provisioning_configuration_assignment_odata_type import (
    IosLobAppProvisioningConfigurationAssignmentOdataType,
)
from .ios_lob_app_provisioning_configuration_collection_response import (
    IosLobAppProvisioningConfigurationCollectionResponse,
)
from .ios_lob_app_provisioning_configuration_odata_type import (
    IosLobAppProvisioningConfigurationOdataType,
)
from .list_assignments_select_item import ListAssignmentsSelectItem
from .list_configurations_select_item import ListConfigurationsSelectItem
from .main_error import MainError
from .mobile_app_provisioning_config_group_assignment import (
    MobileAppProvisioningConfigGroupAssignment,
)
from .mobile_app_provisioning_config_group_assignment_odata_type import (
    MobileAppProvisioningConfigGroupAssignmentOdataType,
)
from .o_data_error import ODataError

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
    "GetAssignmentSelectItem",
    "GetConfigurationSelectItem",
    "GroupAssignmentTarget",
    "GroupAssignmentTargetOdataType",
    "InnerError",
    "IosLobAppProvisioningConfiguration",
    "IosLobAppProvisioningConfigurationAssignment",
    "IosLobAppProvisioningConfigurationAssignmentCollectionResponse",
    "IosLobAppProvisioningConfigurationAssignmentOdataType",
    "IosLobAppProvisioningConfigurationCollectionResponse",
    "IosLobAppProvisioningConfigurationOdataType",
    "ListAssignmentsSelectItem",
    "ListConfigurationsSelectItem",
    "MainError",
    "MobileAppProvisioningConfigGroupAssignment",
    "MobileAppProvisioningConfigGroupAssignmentOdataType",
    "ODataError",
)
