"""Who is calling: ``Authorization: Bearer bd_<prefix>_<secret>`` names an ApiToken, and
the request acts as the token's user, with that user's role and organisation."""

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from breachdesk.web.api.models import ApiToken

# Writing last-used on every call would turn each read into a write; a minute is precise enough.
_TOUCH_EVERY = timedelta(minutes=1)

RATE = "600/min"


class TokenAuth(HttpBearer):
    def __call__(self, request):
        # ninja's HttpBearer logs a malformed header in DEBUG, token included; we never do.
        scheme, _, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token):
        found = ApiToken.find(token)
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > _TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found
        return found.user


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (the throttle runs after authentication)."""

    scope = "api-token"

    def __init__(self, rate: str = RATE):
        super().__init__(rate)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        ident = token.public_id if token else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
