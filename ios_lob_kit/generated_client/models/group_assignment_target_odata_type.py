from typing import Literal

GroupAssignmentTargetOdataType = Literal[
    "#microsoft.graph.groupAssignmentTarget", "microsoft.graph.groupAssignmentTarget"
]

GROUP_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES: set[GroupAssignmentTargetOdataType] = {
    "#microsoft.graph.groupAssignmentTarget",
    "microsoft.graph.groupAssignmentTarget",
}


def check_group_assignment_target_odata_type(
    value: str,
) -> GroupAssignmentTargetOdataType:
    if value in GROUP_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GROUP_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES!r}"
    )
