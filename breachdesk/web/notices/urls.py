from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("<str:public_id>/notices/", views.plan, name="plan"),
    path("<str:public_id>/notices/preview/", views.preview, name="preview"),
    path("<str:public_id>/notices/public-statement/", views.public_statement, name="statement"),
    path("<str:public_id>/notices/campaigns/", views.campaign_list, name="campaigns"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/", views.campaign, name="campaign"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/start/", views.campaign_start, name="start"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/pause/", views.campaign_pause, name="pause"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/resume/", views.campaign_resume, name="resume"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/resend/", views.campaign_resend, name="resend"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/print-pack/", views.campaign_print_pack,
         name="print_pack"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/print-pack/<str:pack_id>.<str:kind>",
         views.print_pack_file, name="print_pack_file"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/safeguarding/", views.holds, name="holds"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/safeguarding/<str:person_id>/confirm/",
         views.hold_confirm, name="hold_confirm"),
    path("<str:public_id>/notices/campaigns/<str:campaign_id>/safeguarding/release/<str:release_id>/",
         views.hold_release, name="hold_release"),
]
