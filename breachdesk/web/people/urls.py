from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("<str:public_id>/people/", views.people, name="list"),
    path("<str:public_id>/people/import/", views.import_people, name="import"),
    path("<str:public_id>/people/<str:person_id>/", views.person, name="person"),
    path("<str:public_id>/people/<str:person_id>/safeguarding/", views.safeguarding, name="safeguarding"),
]
