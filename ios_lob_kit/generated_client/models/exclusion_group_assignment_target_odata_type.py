from typing import Literal

ExclusionGroupAssignmentTargetOdataType = Literal[
    "#microsoft.graph.exclusionGroupAssignmentTarget",
    "microsoft.graph.exclusionGroupAssignmentTarget",
]

EXCLUSION_GROUP_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES: set[
    ExclusionGroupAssignmentTargetOdataType
] = {
    "#microsoft.graph.exclusionGroupAssignmentTarget",
    "microsoft.graph.exclusionGroupAssignmentTarget",
}


def check_exclusion_group_assignment_target_odata_type(
    value: str,
) -> ExclusionGroupAssignmentTargetOdataType:
    if value in EXCLUSION_GROUP_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EXCLUSION_GROUP_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES!r}"
    )
