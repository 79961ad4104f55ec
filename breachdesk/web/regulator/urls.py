from django.urls import path

from . import monitoring_views, views

app_name = "regulator"
urlpatterns = [
    path("cases/", views.queue, name="queue"),
    path("cases/assign/", monitoring_views.bulk_assign, name="bulk_assign"),
    path("cases/<str:public_id>/", views.case_detail, name="case"),
    path("cases/<str:public_id>/move/<str:to>/", views.move, name="move"),
    path("cases/<str:public_id>/assign/", views.assign, name="assign"),
    path("cases/<str:public_id>/notices/new/", views.issue, name="issue"),
    path("cases/<str:public_id>/notices/<str:notice_id>/appeal/", views.appeal, name="appeal"),
    path("cases/<str:public_id>/notices/<str:notice_id>/", monitoring_views.notice, name="notice"),
    path("cases/<str:public_id>/notices/<str:notice_id>/steps/", monitoring_views.add_steps, name="add_steps"),
    path("cases/<str:public_id>/notices/<str:notice_id>/schedule/", monitoring_views.add_schedule,
         name="add_schedule"),
    path("cases/<str:public_id>/progress/<str:report_id>/", monitoring_views.progress, name="progress"),
    path("cases/<str:public_id>/progress/<str:report_id>/evidence/<str:evidence_id>/", monitoring_views.evidence,
         name="progress_evidence"),
    path("cases/<str:public_id>/tell-people/", monitoring_views.tell_people, name="tell_people"),
]
