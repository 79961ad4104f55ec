"""Sudo mode: a recent re-authentication before bulk exports of personal data."""

import functools
import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

SESSION_KEY = "sudo_until"


def grant(request) -> None:
    request.session[SESSION_KEY] = time.time() + settings.SUDO_MINUTES * 60


def active(request) -> bool:
    return request.session.get(SESSION_KEY, 0) > time.time()


def sudo_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not active(request):
            return redirect(f"{reverse('accounts:sudo')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapped
