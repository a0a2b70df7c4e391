from typing import Literal

GetConfigurationSelectItem = Literal[
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

GET_CONFIGURATION_SELECT_ITEM_VALUES: set[GetConfigurationSelectItem] = {
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


def check_get_configuration_select_item(value: str) -> GetConfigurationSelectItem:
    if value in GET_CONFIGURATION_SELECT_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_CONFIGURATION_SELECT_ITEM_VALUES!r}"
    )
