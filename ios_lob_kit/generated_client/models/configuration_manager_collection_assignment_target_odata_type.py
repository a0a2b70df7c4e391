from typing import Literal

ConfigurationManagerCollectionAssignmentTargetOdataType = Literal[
    "#microsoft.graph.configurationManagerCollectionAssignmentTarget",
    "microsoft.graph.configurationManagerCollectionAssignmentTarget",
]

CONFIGURATION_MANAGER_COLLECTION_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES: set[
    ConfigurationManagerCollectionAssignmentTargetOdataType
] = {
    "#microsoft.graph.configurationManagerCollectionAssignmentTarget",
    "microsoft.graph.configurationManagerCollectionAssignmentTarget",
}


def check_configuration_manager_collection_assignment_target_odata_type(
    value: str,
) -> ConfigurationManagerCollectionAssignmentTargetOdataType:
    if value in CONFIGURATION_MANAGER_COLLECTION_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGURATION_MANAGER_COLLECTION_ASSIGNMENT_TARGET_ODATA_TYPE_VALUES!r}"
    )
