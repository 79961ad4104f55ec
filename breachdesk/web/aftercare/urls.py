from django.urls import path

from . import views

app_name = "aftercare"
urlpatterns = [
    path("aftercare/", views.queue, name="queue"),
    path("breaches/<str:public_id>/aftercare/", views.breach_queue, name="breach_queue"),
    path("breaches/<str:public_id>/aftercare/<str:request_id>/", views.detail, name="request"),
    path("breaches/<str:public_id>/aftercare/<str:request_id>/owner/", views.assign, name="assign"),
    path("breaches/<str:public_id>/aftercare/<str:request_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("breaches/<str:public_id>/aftercare/<str:request_id>/note/", views.note, name="note"),
    path("breaches/<str:public_id>/aftercare/<str:request_id>/answer/", views.answer, name="answer"),
    path("breaches/<str:public_id>/aftercare/<str:request_id>/outcome/", views.outcome, name="outcome"),
    path("breaches/<str:public_id>/aftercare/<str:request_id>/status/", views.status, name="status"),
]
