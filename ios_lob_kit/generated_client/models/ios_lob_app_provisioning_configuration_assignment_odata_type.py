from typing import Literal

IosLobAppProvisioningConfigurationAssignmentOdataType = Literal[
    "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
]

IOS_LOB_APP_PROVISIONING_CONFIGURATION_ASSIGNMENT_ODATA_TYPE_VALUES: set[
    IosLobAppProvisioningConfigurationAssignmentOdataType
] = {
    "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
}


def check_ios_lob_app_provisioning_configuration_assignment_odata_type(
    value: str,
) -> IosLobAppProvisioningConfigurationAssignmentOdataType:
    if value in IOS_LOB_APP_PROVISIONING_CONFIGURATION_ASSIGNMENT_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IOS_LOB_APP_PROVISIONING_CONFIGURATION_ASSIGNMENT_ODATA_TYPE_VALUES!r}"
    )
