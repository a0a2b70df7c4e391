from typing import Literal

DeviceAndAppManagementAssignmentTargetOdataType = Literal[
    "#microsoft.graph.deviceAndAppManagementAssignmentTarget",
    "microsoft.graph.deviceAndAppManagementAssignmentTarget",
]

DEVICE_AND_APP_MANAGEMENT_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES: set[
    DeviceAndAppManagementAssignmentTargetOdataType
] = {
    "#microsoft.graph.deviceAndAppManagementAssignmentTarget",
    "microsoft.graph.deviceAndAppManagementAssignmentTarget",
}


def check_device_and_app_management_assignment_target_odata_type(
    value: str,
) -> DeviceAndAppManagementAssignmentTargetOdataType:
    if value in DEVICE_AND_APP_MANAGEMENT_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DEVICE_AND_APP_MANAGEMENT_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES!r}"
    )
