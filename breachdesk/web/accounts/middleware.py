from django.shortcuts import redirect

# Paths a signed-in person may reach before their second factor is verified.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/api/")


class TwoFactorRequiredMiddleware:
    """A session whose user must use two factors reaches nothing else until verified.

    Sign-in only logs a person in after their second factor, so this is a second line of
    defence: it also covers a session created some other way (an admin shell, a test).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.needs_two_factor
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect("accounts:login")
        return self.get_response(request)
