"""Regenerating `ios_lob_kit/generated_client/` from the spec, and telling when the two have drifted apart."""
