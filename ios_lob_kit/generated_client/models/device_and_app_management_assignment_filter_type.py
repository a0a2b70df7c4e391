from typing import Literal

DeviceAndAppManagementAssignmentFilterType = Literal["exclude", "include", "none"]

DEVICE_AND_APP_MANAGEMENT_ASSIGNMENT_FILTER_TYPE_VALUES: set[
    DeviceAndAppManagementAssignmentFilterType
] = {
    "exclude",
    "include",
    "none",
}


def check_device_and_app_management_assignment_filter_type(
    value: str,
) -> DeviceAndAppManagementAssignmentFilterType:
    if value in DEVICE_AND_APP_MANAGEMENT_ASSIGNMENT_FILTER_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DEVICE_AND_APP_MANAGEMENT_ASSIGNMENT_FILTER_TYPE_VALUES!r}"
    )
