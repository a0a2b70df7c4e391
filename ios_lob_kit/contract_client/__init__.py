"""A thin typed layer around `generated_client`: answers outside the contract become typed exceptions.

    client = connect("https://graph.microsoft.com/beta", token)
    assignment = call(get_assignment.sync_detailed, configuration_id, assignment_id, client=client)

`connect` gives a generated client whose transport judges every answer against the spec before the
generated code parses it; `call`/`acall` return the success value with `ODataError` narrowed away.
The exception tree is drawn in `ios_lob_kit.contract_client._exceptions`.
"""

from ios_lob_kit.contract_client._call import acall, call, connect
from ios_lob_kit.contract_client._exceptions import (
    ContractError,
    ContractViolation,
    GraphError,
    MalformedBody,
    UndocumentedStatus,
    UnexpectedShape,
    UnknownEnumValue,
    UnknownTargetKind,
)
from ios_lob_kit.contract_client._transport import ContractTransport

__all__ = [
    "ContractError",
    "ContractTransport",
    "ContractViolation",
    "GraphError",
    "MalformedBody",
    "UndocumentedStatus",
    "UnexpectedShape",
    "UnknownEnumValue",
    "UnknownTargetKind",
    "acall",
    "call",
    "connect",
]
