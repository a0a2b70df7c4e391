from typing import Literal

IosLobAppProvisioningConfigurationAssignmentRequestOdataType = Literal[
    "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
]

IOS_LOB_APP_PROVISIONING_CONFIGURATION_ASSIGNMENT_REQUEST_ODATA_TYPE_VALUES: set[
    IosLobAppProvisioningConfigurationAssignmentRequestOdataType
] = {
    "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
}


def check_ios_lob_app_provisioning_configuration_assignment_request_odata_type(
    value: str,
) -> IosLobAppProvisioningConfigurationAssignmentRequestOdataType:
    if (
        value
        in IOS_LOB_APP_PROVISIONING_CONFIGURATION_ASSIGNMENT_REQUEST_ODATA_TYPE_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IOS_LOB_APP_PROVISIONING_CONFIGURATION_ASSIGNMENT_REQUEST_ODATA_TYPE_VALUES!r}"
    )
