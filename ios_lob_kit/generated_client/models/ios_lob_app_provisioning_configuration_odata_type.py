from typing import Literal

IosLobAppProvisioningConfigurationOdataType = Literal[
    "#microsoft.graph.iosLobAppProvisioningConfiguration",
    "microsoft.graph.iosLobAppProvisioningConfiguration",
]

IOS_LOB_APP_PROVISIONING_CONFIGURATION_ODATA_TYPE_VALUES: set[
    IosLobAppProvisioningConfigurationOdataType
] = {
    "#microsoft.graph.iosLobAppProvisioningConfiguration",
    "microsoft.graph.iosLobAppProvisioningConfiguration",
}


def check_ios_lob_app_provisioning_configuration_odata_type(
    value: str,
) -> IosLobAppProvisioningConfigurationOdataType:
    if value in IOS_LOB_APP_PROVISIONING_CONFIGURATION_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IOS_LOB_APP_PROVISIONING_CONFIGURATION_ODATA_TYPE_VALUES!r}"
    )
