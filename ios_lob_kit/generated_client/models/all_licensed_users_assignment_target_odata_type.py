from typing import Literal

AllLicensedUsersAssignmentTargetOdataType = Literal[
    "#microsoft.graph.allLicensedUsersAssignmentTarget",
    "microsoft.graph.allLicensedUsersAssignmentTarget",
]

ALL_LICENSED_USERS_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES: set[
    AllLicensedUsersAssignmentTargetOdataType
] = {
    "#microsoft.graph.allLicensedUsersAssignmentTarget",
    "microsoft.graph.allLicensedUsersAssignmentTarget",
}


def check_all_licensed_users_assignment_target_odata_type(
    value: str,
) -> AllLicensedUsersAssignmentTargetOdataType:
    if value in ALL_LICENSED_USERS_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ALL_LICENSED_USERS_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES!r}"
    )
