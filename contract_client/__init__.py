"""A thin typed layer around `generated_client`: answers outside the contract become typed exceptions."""
