"""API token management pages. Mount with:
``path("accounts/api-tokens/", include("breachdesk.web.api.urls"))``."""

from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.tokens, name="list"),
    path("new/", views.create, name="create"),
    path("<str:public_id>/revoke/", views.revoke, name="revoke"),
]
