"""Sign-in in two steps: password, then a code from an authenticator app.

Nobody is logged in until both steps pass. The first time, a person who must use two
factors sets up their authenticator before being let in.
"""

import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from breachdesk.web.accounts import sudo
from breachdesk.web.accounts.forms import SignInForm, SudoForm, TokenForm
from breachdesk.web.accounts.models import User
from breachdesk.web.audit.log import record
from breachdesk.web.core.forms import posted

PENDING = "pending_2fa"
PENDING_SECONDS = 5 * 60
MAX_CODE_TRIES = 5


def _safe_next(request, fallback="core:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or pending["until"] < time.time():
        request.session.pop(PENDING, None)
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def _finish(request, user, device=None):
    request.session.pop(PENDING, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    record(request, "sign_in", user)
    return redirect(_safe_next(request))


@never_cache
def sign_in(request):
    form = SignInForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["email"].lower(), password=form.cleaned_data["password"]
        )
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/locked_out.html", status=429)
        if user is None:
            form.add_error(None, "Enter a correct email address and password")
        elif not user.needs_two_factor and not any(devices_for_user(user)):
            return _finish(request, user)
        else:
            request.session.cycle_key()
            request.session[PENDING] = {"user": user.pk, "until": time.time() + PENDING_SECONDS, "tries": 0}
            target = reverse("accounts:verify" if any(devices_for_user(user)) else "accounts:setup")
            if nxt := _safe_next(request, ""):
                target += "?" + urlencode({"next": nxt})
            return redirect(target)
    return render(request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request, "")})


@never_cache
def verify(request):
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Your sign-in took too long. Please sign in again.")
        return redirect("accounts:login")
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            return _finish(request, user, device)
        pending = request.session[PENDING]
        pending["tries"] += 1
        request.session[PENDING] = pending
        if pending["tries"] >= MAX_CODE_TRIES:
            request.session.pop(PENDING, None)
            messages.info(request, "Too many wrong codes. Please sign in again.")
            return redirect("accounts:login")
        form.add_error("token", "The security code is not correct, or it has expired")
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request, "")})


@never_cache
def setup(request):
    """First sign-in of someone who must use two factors: add an authenticator app."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if any(devices_for_user(user, confirmed=True)):
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record(request, "two_factor_added", user)
            return _finish(request, user, device)
        form.add_error("token", "The security code is not correct. Check the time on your phone is right and try again")
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/setup.html", {
        "form": form,
        "qr_svg": qr.svg_inline(scale=5, title="QR code to add breachdesk to your authenticator app"),
        "secret": _b32(device),
        "next": _safe_next(request, ""),
    })


def _b32(device):
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        record(request, "sign_out", request.user)
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("accounts:login")


@login_required
@never_cache
def sudo_view(request):
    user = request.user
    form = SudoForm(posted(request))
    if request.method == "POST" and form.is_valid():
        ok = user.check_password(form.cleaned_data["password"])
        if ok and user.needs_two_factor:
            ok = match_token(user, form.cleaned_data["token"].replace(" ", "")) is not None
        if ok:
            sudo.grant(request)
            record(request, "sudo", user)
            return redirect(_safe_next(request))
        form.add_error(None, "Your password or security code is not correct")
    return render(request, "accounts/sudo.html", {"form": form, "next": _safe_next(request, ""),
                                                  "minutes": settings.SUDO_MINUTES})


@login_required
def security(request):
    devices = list(devices_for_user(request.user, confirmed=True))
    return render(request, "accounts/security.html", {"devices": devices})
