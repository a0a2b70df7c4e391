from typing import Literal

AllDevicesAssignmentTargetOdataType = Literal[
    "#microsoft.graph.allDevicesAssignmentTarget",
    "microsoft.graph.allDevicesAssignmentTarget",
]

ALL_DEVICES_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES: set[
    AllDevicesAssignmentTargetOdataType
] = {
    "#microsoft.graph.allDevicesAssignmentTarget",
    "microsoft.graph.allDevicesAssignmentTarget",
}


def check_all_devices_assignment_target_odata_type(
    value: str,
) -> AllDevicesAssignmentTargetOdataType:
    if value in ALL_DEVICES_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ALL_DEVICES_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES!r}"
    )
