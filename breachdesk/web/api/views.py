"""Managing API tokens in the web app: a person's own tokens; a DPO also sees and may
revoke every token in the organisation (for when someone leaves or a tool is retired).

Creating a token needs sudo mode: a token is a long-lived credential to personal data.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from breachdesk.web.accounts.roles import Role
from breachdesk.web.accounts.sudo import sudo_required
from breachdesk.web.api.forms import NewTokenForm
from breachdesk.web.api.models import ApiToken
from breachdesk.web.core.forms import posted


def _tokens_for(user):
    """The tokens ``user`` may see and revoke."""
    if user.organisation_id is None:
        raise Http404
    tokens = ApiToken.objects.filter(organisation_id=user.organisation_id).select_related("user")
    return tokens if user.role == Role.DPO else tokens.filter(user=user)


@never_cache
@login_required
def tokens(request):
    visible = _tokens_for(request.user)
    return render(request, "api/tokens.html", {"tokens": visible, "form": NewTokenForm()})


@never_cache
@login_required
@sudo_required
def create(request):
    _tokens_for(request.user)  # 404 for someone with no organisation
    form = NewTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        token, plain = ApiToken.issue(request.user, form.cleaned_data["name"], by=request.user)
        # Shown once, in this response only (never stored, never in a redirect or a message).
        return render(request, "api/token_created.html", {"token": token, "plain": plain})
    return render(request, "api/token_new.html", {"form": form})


@login_required
@require_POST
def revoke(request, public_id):
    token = _tokens_for(request.user).filter(public_id=public_id).first()
    if token is None:
        raise Http404
    token.revoke(by=request.user)
    messages.success(request, f"The token '{token.name}' was revoked")
    return redirect("api_tokens:list")
