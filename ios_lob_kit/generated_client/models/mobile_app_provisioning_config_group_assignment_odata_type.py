from typing import Literal

MobileAppProvisioningConfigGroupAssignmentOdataType = Literal[
    "#microsoft.graph.mobileAppProvisioningConfigGroupAssignment",
    "microsoft.graph.mobileAppProvisioningConfigGroupAssignment",
]

MOBILE_APP_PROVISIONING_CONFIG_GROUP_ASSIGNMENT_ODATA_TYPE_VALUES: set[
    MobileAppProvisioningConfigGroupAssignmentOdataType
] = {
    "#microsoft.graph.mobileAppProvisioningConfigGroupAssignment",
    "microsoft.graph.mobileAppProvisioningConfigGroupAssignment",
}


def check_mobile_app_provisioning_config_group_assignment_odata_type(
    value: str,
) -> MobileAppProvisioningConfigGroupAssignmentOdataType:
    if value in MOBILE_APP_PROVISIONING_CONFIG_GROUP_ASSIGNMENT_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MOBILE_APP_PROVISIONING_CONFIG_GROUP_ASSIGNMENT_ODATA_TYPE_VALUES!r}"
    )
