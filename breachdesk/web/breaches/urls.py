from django.urls import path

from . import actions, evidence, export, views

app_name = "breaches"
urlpatterns = [
    path("", views.register_view, name="register"),
    path("report/", views.report, name="report"),
    path("export.<str:fmt>", export.export, name="export"),  # csv or xlsx
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/clock/", views.clock_fragment, name="clock"),
    path("<str:public_id>/edit/", views.edit, name="edit"),
    path("<str:public_id>/confirm/", views.confirm, name="confirm"),
    path("<str:public_id>/awareness/", views.awareness, name="awareness"),
    path("<str:public_id>/status/<str:to>/", actions.transition, name="transition"),
    path("<str:public_id>/notes/", actions.note, name="note"),
    path("<str:public_id>/decisions/", actions.decision, name="decision"),
    path("<str:public_id>/delay/", actions.delay_reasons, name="delay"),
    path("<str:public_id>/evidence/", evidence.upload, name="evidence"),
    path("<str:public_id>/evidence/<str:evidence_id>/", evidence.download, name="evidence_download"),
]
