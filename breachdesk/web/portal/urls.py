from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="start"),
    path("link/<str:token>/", views.link, name="link"),
    path("notice/", views.notice_page, name="notice"),
    path("notice/letter.pdf", views.letter, name="letter"),
    path("support/", views.support, name="support"),
    path("affected/", views.affected, name="affected"),
    path("heard/", views.heard, name="heard"),
    path("complain/", views.complain, name="complain"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
