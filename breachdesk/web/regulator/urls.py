from django.urls import path

from . import views

app_name = "regulator"
urlpatterns = [
    path("cases/", views.queue, name="queue"),
    path("cases/<str:public_id>/", views.case_detail, name="case"),
    path("cases/<str:public_id>/move/<str:to>/", views.move, name="move"),
    path("cases/<str:public_id>/assign/", views.assign, name="assign"),
    path("cases/<str:public_id>/notices/new/", views.issue, name="issue"),
]
