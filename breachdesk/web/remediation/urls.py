from django.urls import path

from . import views

app_name = "remediation"
urlpatterns = [
    path("", views.actions, name="actions"),
    path("new/", views.new_action, name="new"),
    path("bulk/", views.bulk, name="bulk"),
    path("regulator/", views.cases, name="cases"),
    path("regulator/<str:public_id>/", views.case, name="case"),
    path("regulator/<str:public_id>/progress/<str:report_id>/", views.progress, name="progress"),
    path("regulator/<str:public_id>/progress/<str:report_id>/evidence/", views.progress_evidence,
         name="progress_evidence"),
    path("regulator/<str:public_id>/progress/<str:report_id>/evidence/<str:evidence_id>/",
         views.progress_evidence_download, name="progress_evidence_download"),
    path("<str:public_id>/", views.action, name="action"),
    path("<str:public_id>/evidence/", views.action_evidence, name="action_evidence"),
    path("<str:public_id>/evidence/<str:evidence_id>/", views.action_evidence_download,
         name="action_evidence_download"),
]
