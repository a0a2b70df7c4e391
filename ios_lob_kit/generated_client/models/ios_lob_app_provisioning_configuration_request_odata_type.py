from typing import Literal

IosLobAppProvisioningConfigurationRequestOdataType = Literal[
    "#microsoft.graph.iosLobAppProvisioningConfiguration",
    "microsoft.graph.iosLobAppProvisioningConfiguration",
]

IOS_LOB_APP_PROVISIONING_CONFIGURATION_REQUEST_ODATA_TYPE_VALUES: set[
    IosLobAppProvisioningConfigurationRequestOdataType
] = {
    "#microsoft.graph.iosLobAppProvisioningConfiguration",
    "microsoft.graph.iosLobAppProvisioningConfiguration",
}


def check_ios_lob_app_provisioning_configuration_request_odata_type(
    value: str,
) -> IosLobAppProvisioningConfigurationRequestOdataType:
    if value in IOS_LOB_APP_PROVISIONING_CONFIGURATION_REQUEST_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IOS_LOB_APP_PROVISIONING_CONFIGURATION_REQUEST_ODATA_TYPE_VALUES!r}"
    )
