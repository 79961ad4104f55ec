"""The site's URLs plus the API token pages, as docs/api.md asks them to be mounted."""

from django.urls import include, path

from breachdesk.web.urls import handler404, handler500  # noqa: F401
from breachdesk.web.urls import urlpatterns as site

urlpatterns = [path("accounts/api-tokens/", include("breachdesk.web.api.urls")), *site]
