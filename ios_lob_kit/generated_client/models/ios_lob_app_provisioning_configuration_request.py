from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ios_lob_app_provisioning_configuration_request_odata_type import (
    IosLobAppProvisioningConfigurationRequestOdataType,
    check_ios_lob_app_provisioning_configuration_request_odata_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="IosLobAppProvisioningConfigurationRequest")


@_attrs_define(kw_only=True)
class IosLobAppProvisioningConfigurationRequest:
    """What a create or update of a configuration sends: the configuration's properties, none required.
    Closed: a property the type does not declare is refused (400).

        Attributes:
            id (str | Unset): The key. Server-assigned; ignored in create and item-update bodies.
            odata_type (IosLobAppProvisioningConfigurationRequestOdataType | Unset):
            display_name (str | Unset): Admin-provided name. Not nullable.
            description (None | str | Unset): Admin-provided description.
            version (int | Unset): Version of the configuration.
            created_date_time (datetime.datetime | Unset): Server-set when created; ignored in requests.
            last_modified_date_time (datetime.datetime | Unset): Server-set on every write; ignored in requests.
            expiration_date_time (datetime.datetime | None | Unset): When the provisioning profile expires.
            payload_file_name (str | Unset): The file name of the payload (`*.mobileprovision` or `*.xml`). Not nullable.
            payload (str | Unset): The payload file, base64-encoded. Not nullable.
            role_scope_tag_ids (list[str] | Unset): The scope tags of the configuration.
    """

    id: str | Unset = UNSET
    odata_type: IosLobAppProvisioningConfigurationRequestOdataType | Unset = UNSET
    display_name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    version: int | Unset = UNSET
    created_date_time: datetime.datetime | Unset = UNSET
    last_modified_date_time: datetime.datetime | Unset = UNSET
    expiration_date_time: datetime.datetime | None | Unset = UNSET
    payload_file_name: str | Unset = UNSET
    payload: str | Unset = UNSET
    role_scope_tag_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        odata_type: str | Unset = UNSET
        if not isinstance(self.odata_type, Unset):
            odata_type = self.odata_type

        display_name = self.display_name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        version = self.version

        created_date_time: str | Unset = UNSET
        if not isinstance(self.created_date_time, Unset):
            created_date_time = self.created_date_time.isoformat()

        last_modified_date_time: str | Unset = UNSET
        if not isinstance(self.last_modified_date_time, Unset):
            last_modified_date_time = self.last_modified_date_time.isoformat()

        expiration_date_time: None | str | Unset
        if isinstance(self.expiration_date_time, Unset):
            expiration_date_time = UNSET
        elif isinstance(self.expiration_date_time, datetime.datetime):
            expiration_date_time = self.expiration_date_time.isoformat()
        else:
            expiration_date_time = self.expiration_date_time

        payload_file_name = self.payload_file_name

        payload = self.payload

        role_scope_tag_ids: list[str] | Unset = UNSET
        if not isinstance(self.role_scope_tag_ids, Unset):
            role_scope_tag_ids = self.role_scope_tag_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if description is not UNSET:
            field_dict["description"] = description
        if version is not UNSET:
            field_dict["version"] = version
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_modified_date_time is not UNSET:
            field_dict["lastModifiedDateTime"] = last_modified_date_time
        if expiration_date_time is not UNSET:
            field_dict["expirationDateTime"] = expiration_date_time
        if payload_file_name is not UNSET:
            field_dict["payloadFileName"] = payload_file_name
        if payload is not UNSET:
            field_dict["payload"] = payload
        if role_scope_tag_ids is not UNSET:
            field_dict["roleScopeTagIds"] = role_scope_tag_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _odata_type = d.pop("@odata.type", UNSET)
        odata_type: IosLobAppProvisioningConfigurationRequestOdataType | Unset
        if isinstance(_odata_type, Unset):
            odata_type = UNSET
        else:
            odata_type = (
                check_ios_lob_app_provisioning_configuration_request_odata_type(
                    _odata_type
                )
            )

        display_name = d.pop("displayName", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        version = d.pop("version", UNSET)

        _created_date_time = d.pop("createdDateTime", UNSET)
        created_date_time: datetime.datetime | Unset
        if isinstance(_created_date_time, Unset):
            created_date_time = UNSET
        else:
            created_date_time = datetime.datetime.fromisoformat(_created_date_time)

        _last_modified_date_time = d.pop("lastModifiedDateTime", UNSET)
        last_modified_date_time: datetime.datetime | Unset
        if isinstance(_last_modified_date_time, Unset):
            last_modified_date_time = UNSET
        else:
            last_modified_date_time = datetime.datetime.fromisoformat(
                _last_modified_date_time
            )

        def _parse_expiration_date_time(
            data: object,
        ) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expiration_date_time_type_0 = datetime.datetime.fromisoformat(data)

                return expiration_date_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expiration_date_time: no known kind matches {data!r}")

        expiration_date_time = _parse_expiration_date_time(
            d.pop("expirationDateTime", UNSET)
        )

        payload_file_name = d.pop("payloadFileName", UNSET)

        payload = d.pop("payload", UNSET)

        role_scope_tag_ids = cast(list[str], d.pop("roleScopeTagIds", UNSET))

        ios_lob_app_provisioning_configuration_request = cls(
            id=id,
            odata_type=odata_type,
            display_name=display_name,
            description=description,
            version=version,
            created_date_time=created_date_time,
            last_modified_date_time=last_modified_date_time,
            expiration_date_time=expiration_date_time,
            payload_file_name=payload_file_name,
            payload=payload,
            role_scope_tag_ids=role_scope_tag_ids,
        )

        ios_lob_app_provisioning_configuration_request.additional_properties = d
        return ios_lob_app_provisioning_configuration_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
