from typing import Literal

ListConfigurationsSelectItem = Literal[
    "createdDateTime",
    "description",
    "displayName",
    "expirationDateTime",
    "id",
    "lastModifiedDateTime",
    "payload",
    "payloadFileName",
    "roleScopeTagIds",
    "version",
]

LIST_CONFIGURATIONS_SELECT_ITEM_VALUES: set[ListConfigurationsSelectItem] = {
    "createdDateTime",
    "description",
    "displayName",
    "expirationDateTime",
    "id",
    "lastModifiedDateTime",
    "payload",
    "payloadFileName",
    "roleScopeTagIds",
    "version",
}


def check_list_configurations_select_item(value: str) -> ListConfigurationsSelectItem:
    if value in LIST_CONFIGURATIONS_SELECT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_CONFIGURATIONS_SELECT_ITEM_VALUES!r}"
    )
