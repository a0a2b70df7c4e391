from typing import Literal

GetAssignmentSelectItem = Literal["id", "target"]

GET_ASSIGNMENT_SELECT_ITEM_VALUES: set[GetAssignmentSelectItem] = {
    "id",
    "target",
}


def check_get_assignment_select_item(value: str) -> GetAssignmentSelectItem:
    if value in GET_ASSIGNMENT_SELECT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_ASSIGNMENT_SELECT_ITEM_VALUES!r}"
    )
