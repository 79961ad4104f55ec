from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.organisation, name="organisation"),
    path("figures.<str:fmt>", views.organisation_export, name="organisation_export"),
    path("board-report.pdf", views.board_pdf, name="board"),
    path("regulator/", views.regulator, name="regulator"),
    path("regulator/trends.<str:fmt>", views.trends_export, name="trends"),
]
