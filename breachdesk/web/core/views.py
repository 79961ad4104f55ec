from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness and database reachability, for load balancers. No data, no auth."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
def home(request):
    user = request.user
    if user.organisation is None:
        return render(request, "core/no_organisation.html")
    if user.organisation.is_regulator:
        return redirect("regulator:queue")
    if user.can("view_register"):
        return redirect("breaches:register")
    return redirect("breaches:report")


def error_404(request, exception):
    return render(request, "core/404.html", status=404)


def error_500(request):
    return render(request, "core/500.html", status=500)
