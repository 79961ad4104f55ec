from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<str:public_id>/reports/", views.reports, name="list"),
    path("<str:public_id>/reports/new/", views.start, name="start"),
    path("<str:public_id>/reports/<str:report_id>/", views.detail, name="detail"),
    path("<str:public_id>/reports/<str:report_id>/edit/", views.edit, name="edit"),
    path("<str:public_id>/reports/<str:report_id>/submit/", views.submit, name="submit"),
    path("<str:public_id>/reports/<str:report_id>/report.json", views.export_json, name="json"),
    path("<str:public_id>/reports/<str:report_id>/report.pdf", views.export_pdf, name="pdf"),
]
