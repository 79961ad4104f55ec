from django.urls import include, path

from breachdesk.web.api.api import api

urlpatterns = [
    path("", include("breachdesk.web.core.urls")),
    path("accounts/api-tokens/", include("breachdesk.web.api.urls")),
    path("accounts/", include("breachdesk.web.accounts.urls")),
    path("", include("breachdesk.web.aftercare.urls")),
    path("portal/", include("breachdesk.web.portal.urls")),
    path("breaches/", include("breachdesk.web.assessments.urls")),
    path("breaches/", include("breachdesk.web.people.urls")),
    path("breaches/", include("breachdesk.web.reports.urls")),
    path("breaches/", include("breachdesk.web.notices.urls")),
    path("breaches/", include("breachdesk.web.breaches.urls")),
    path("regulator/", include("breachdesk.web.regulator.urls")),
    path("actions/", include("breachdesk.web.remediation.urls")),
    path("insights/", include("breachdesk.web.insights.urls")),
    path("register/", include("breachdesk.web.regulator.public_urls")),
    path("api/", api.urls),
]

handler404 = "breachdesk.web.core.views.error_404"
handler500 = "breachdesk.web.core.views.error_500"
