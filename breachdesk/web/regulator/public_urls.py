"""The public register of regulatory action: no sign-in."""

from django.urls import path

from . import views

app_name = "public_register"
urlpatterns = [
    path("", views.public_register, name="list"),
    path("<str:public_id>/", views.public_notice, name="notice"),
    path("<str:public_id>/notice.pdf", views.public_notice_pdf, name="notice_pdf"),
]
