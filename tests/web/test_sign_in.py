import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, user, password=PASSWORD, next_url=""):
    return client.post(reverse("accounts:login"), {"email": user.email, "password": password, "next": next_url})


@pytest.fixture
def dpo_device(dpo):
    return TOTPDevice.objects.create(user=dpo, name="phone", confirmed=True)


def test_password_alone_does_not_sign_in_a_dpo(client, dpo, dpo_device):
    response = sign_in(client, dpo)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:verify"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("breaches:register")).status_code == 302


def test_password_and_code_sign_in(client, dpo, dpo_device):
    sign_in(client, dpo, next_url=reverse("breaches:register"))
    response = client.post(reverse("accounts:verify") + "?next=/breaches/", {"token": code(dpo_device), "next": "/breaches/"})
    assert response.status_code == 302 and response["Location"] == "/breaches/"
    assert client.get(reverse("breaches:register")).status_code == 200


def test_wrong_code_is_refused_and_too_many_restart_sign_in(client, dpo, dpo_device):
    sign_in(client, dpo)
    wrong = "000000" if code(dpo_device) != "000000" else "111111"
    response = client.post(reverse("accounts:verify"), {"token": wrong})
    assert response.status_code == 200
    assert "The security code is not correct" in response.content.decode()
    for _ in range(4):
        response = client.post(reverse("accounts:verify"), {"token": wrong})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    # the pending sign-in is gone: even the right code now needs the password again
    response = client.post(reverse("accounts:verify"), {"token": code(dpo_device)})
    assert response["Location"] == reverse("accounts:login")


def test_first_sign_in_sets_up_an_authenticator(client, handler):
    response = sign_in(client, handler)
    assert response["Location"] == reverse("accounts:setup")
    page = client.get(reverse("accounts:setup"))
    assert b"<svg" in page.content and b"totp-secret" in page.content
    device = TOTPDevice.objects.get(user=handler)
    assert not device.confirmed
    response = client.post(reverse("accounts:setup"), {"token": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("breaches:register")).status_code == 200


def test_reporter_signs_in_with_password_only(client, reporter):
    response = sign_in(client, reporter)
    assert response.status_code == 302
    assert client.get(reverse("breaches:report")).status_code == 200


def test_wrong_password_says_so_without_saying_which(client, dpo):
    response = sign_in(client, dpo, password="wrong password entirely")
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


def test_lockout_after_repeated_failures(client, dpo, dpo_device):
    for _ in range(5):
        sign_in(client, dpo, password="wrong password entirely")
    response = sign_in(client, dpo)  # even the right password is refused while locked
    assert response.status_code == 429
    assert "too many times" in response.content.decode()


def test_unverified_session_reaches_nothing(client, dpo):
    client.force_login(dpo)  # a session without the second factor, however it came about
    response = client.get(reverse("breaches:register"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_open_redirect_is_refused(client, reporter):
    response = sign_in(client, reporter, next_url="https://evil.example/")
    assert response["Location"] == reverse("core:home")


def test_sign_out_needs_post(signed_in, dpo):
    client = signed_in(dpo)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("breaches:register")).status_code == 302


def test_export_asks_to_confirm_identity_first(signed_in, dpo, breach):
    client = signed_in(dpo)
    url = reverse("breaches:export", args=["csv"])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sudo"))
    device = TOTPDevice.objects.get(user=dpo)
    bad = client.post(reverse("accounts:sudo"), {"password": "nope", "token": code(device), "next": url})
    assert bad.status_code == 200
    good = client.post(reverse("accounts:sudo"), {"password": PASSWORD, "token": code(device), "next": url})
    assert good["Location"] == url
    response = client.get(url)
    assert response.status_code == 200 and breach.reference in response.content.decode("utf-8-sig")


def test_sessions_expire_when_idle(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE <= 60 * 60
