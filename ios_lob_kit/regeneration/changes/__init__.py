"""What a spec change changes, and whom it breaks.

baseline     the two specs: a file, or the spec at a git revision
spec_diff    contract level: the two documents compared, as `Change`s
classify     the rules: whom each change breaks (clients, servers), as `Finding`s
client_diff  client level: the two generated packages compared with griffe
version      which info.version bump the change warrants
report       both levels, the verdict and the exit code, as one `ChangeReport`
render       the report as text or Markdown
"""
