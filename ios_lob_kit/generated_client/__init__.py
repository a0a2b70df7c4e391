"""A client library for accessing Intune iOS LOB app provisioning configuration assignments (Microsoft Graph beta)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
