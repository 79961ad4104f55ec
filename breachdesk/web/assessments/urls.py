from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("<str:public_id>/assessment/", views.assessment, name="assessment"),
    path("<str:public_id>/assessment/preview/", views.preview, name="preview"),
    path("<str:public_id>/assessment/<str:assessment_id>/", views.stored, name="stored"),
]
