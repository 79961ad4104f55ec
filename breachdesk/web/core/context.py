def workspace(request):
    """What every page's header needs: who is signed in and for which organisation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"organisation": None}
    return {"organisation": user.organisation, "role_label": user.get_role_display()}
