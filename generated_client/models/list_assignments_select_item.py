from typing import Literal

ListAssignmentsSelectItem = Literal["id", "target"]

LIST_ASSIGNMENTS_SELECT_ITEM_VALUES: set[ListAssignmentsSelectItem] = {
    "id",
    "target",
}


def check_list_assignments_select_item(value: str) -> ListAssignmentsSelectItem:
    if value in LIST_ASSIGNMENTS_SELECT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_ASSIGNMENTS_SELECT_ITEM_VALUES!r}"
    )
