def username_for_lockout(request, credentials):
    """The email a sign-in attempt was for, whether axes sees the form or our authenticate call."""
    value = (credentials or {}).get("username") or request.POST.get("email", "")
    return value.strip().lower()
