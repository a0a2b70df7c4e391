from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InnerError")


@_attrs_define(kw_only=True)
class InnerError:
    """
    Attributes:
        date (str | Unset): When the error happened. Graph writes it without a UTC offset (`2021-01-14T08:41:02`,
            meaning
            UTC); an offset (`Z`, `+01:00`) is accepted too.
        request_id (str | Unset):
        client_request_id (str | Unset):
    """

    date: str | Unset = UNSET
    request_id: str | Unset = UNSET
    client_request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date

        request_id = self.request_id

        client_request_id = self.client_request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if date is not UNSET:
            field_dict["date"] = date
        if request_id is not UNSET:
            field_dict["request-id"] = request_id
        if client_request_id is not UNSET:
            field_dict["client-request-id"] = client_request_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        date = d.pop("date", UNSET)

        request_id = d.pop("request-id", UNSET)

        client_request_id = d.pop("client-request-id", UNSET)

        inner_error = cls(
            date=date,
            request_id=request_id,
            client_request_id=client_request_id,
        )

        inner_error.additional_properties = d
        return inner_error

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
