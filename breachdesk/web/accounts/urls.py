from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/code/", views.verify, name="verify"),
    path("sign-in/set-up/", views.setup, name="setup"),
    path("sign-out/", views.sign_out, name="logout"),
    path("confirm/", views.sudo_view, name="sudo"),
    path("security/", views.security, name="security"),
]
