"""Judges anyone's traffic against the contract: live through a validating proxy, or offline from a HAR file.

`rules` holds what one exchange must respect (per party), `judge` folds exchanges into the suite's result
stream, `har` reads and writes recordings, `proxy` forwards and records, `cli` is the two commands.
"""
