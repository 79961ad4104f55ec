"""Notices on a breach: the plan, the preview with checks, campaigns, safeguarding holds, print
packs and the public statement. Thin views: the work is in campaigns.py and sending.py."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from breachdesk.notices import NoticeError, errors, render_html_fragment
from breachdesk.web.audit.log import record
from breachdesk.web.breaches.access import breach_for
from breachdesk.web.core.forms import posted
from breachdesk.web.notices import campaigns, print_pack
from breachdesk.web.notices.adapters import context_for, person_for
from breachdesk.web.notices.campaigns import CampaignError
from breachdesk.web.notices.forms import (
    CampaignForm,
    PlanForm,
    PublicCommunicationForm,
    PublicStatementForm,
    SafeChannelForm,
)
from breachdesk.web.notices.models import Campaign, Delivery, NoticePlan, PrintPack, SafeguardingRelease
from breachdesk.web.notices.rendering import NoticeRenderer

PREVIEW_SIZE = 5


def _plan(breach) -> NoticePlan | None:
    return NoticePlan.objects.filter(breach=breach).first()


def _campaign(breach, campaign_id) -> Campaign:
    campaign = breach.campaigns.filter(public_id=campaign_id).first()
    if campaign is None:
        raise Http404
    return campaign


@login_required
def plan(request, public_id):
    breach = breach_for(request.user, public_id)
    instance = _plan(breach)
    can_edit = request.user.can("prepare_notices")
    if request.method == "POST" and not can_edit:
        breach_for(request.user, public_id, need="prepare_notices")  # 403
    form = PlanForm(posted(request), instance=instance or NoticePlan(
        breach=breach, contact_email=request.user.email if request.user.can("send_notices") else ""))
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_at = timezone.now()
        saved.save()
        record(request, "notice_plan", breach, fields=sorted(form.changed_data))
        messages.success(request, "Notice plan saved")
        return redirect("notices:preview", public_id)
    return render(request, "notices/plan.html", {
        "breach": breach, "form": form, "plan": instance, "can_edit": can_edit, "campaigns": breach.campaigns.all(),
        "welsh_people": breach.people.filter(language="cy").count(),
        "welsh_missing": instance.welsh_missing() if instance else []})


def preview_sample(breach, size: int = PREVIEW_SIZE) -> list:
    """Up to ``size`` real people chosen to cover different notices: a child and a person with
    special category data first, then different exposures, then anyone, to make up the number."""
    people = breach.people.filter(safeguarding=False)

    def kind(p):
        return (tuple(sorted(p.items)), tuple(sorted(p.categories)), p.child, p.special_category, p.language,
                p.format)

    chosen, seen = [], set()
    for person in [people.filter(child=True).first(), people.filter(special_category=True).first()]:
        if person is not None and person.pk not in {p.pk for p in chosen}:
            chosen.append(person)
            seen.add(kind(person))
    candidates = list(people.only("id", "items", "categories", "child", "special_category", "language",
                                  "format")[:2000])
    for person in candidates:
        if len(chosen) < size and kind(person) not in seen:
            seen.add(kind(person))
            chosen.append(person)
    taken = {p.pk for p in chosen}
    chosen += [p for p in candidates if p.pk not in taken][:max(size - len(chosen), 0)]
    return [breach.people.get(pk=p.pk) for p in chosen[:size]]


@login_required
def preview(request, public_id):
    breach = breach_for(request.user, public_id)
    instance = _plan(breach)
    if instance is None:
        messages.info(request, "Write the notice plan first")
        return redirect("notices:plan", public_id)
    renderer = NoticeRenderer(context_for(instance))
    samples = []
    for person in preview_sample(breach):
        engine_person = person_for(person, portal_code=campaigns.SAMPLE_CODE)
        try:
            notice = renderer.notice(engine_person)
            problems = renderer.problems(engine_person)
            samples.append({"person": person, "html": render_html_fragment(notice),
                            "notice": notice, "problems": problems, "blocking": bool(errors(problems))})
        except NoticeError as exc:
            samples.append({"person": person, "error": str(exc), "blocking": True})
    kinds = campaigns.check_kinds(instance, breach.people.all(), renderer)
    record(request, "notice_preview", breach, people=[s["person"].public_id for s in samples])
    return render(request, "notices/preview.html", {
        "breach": breach, "plan": instance, "samples": samples, "kinds": kinds,
        "blocking": any(s["blocking"] for s in samples) or any(k.blocking for k in kinds),
        "can_edit": request.user.can("prepare_notices")})


@login_required
def campaign_list(request, public_id):
    breach = breach_for(request.user, public_id)
    form = CampaignForm(posted(request))
    if request.method == "POST":
        breach = breach_for(request.user, public_id, need="prepare_notices")
        if form.is_valid():
            campaign = campaigns.create(breach, request.user, **form.campaign_fields())
            messages.success(request, "Campaign created. Check it, then start sending.")
            return redirect("notices:campaign", public_id, campaign.public_id)
    return render(request, "notices/campaigns.html", {
        "breach": breach, "form": form, "campaigns": breach.campaigns.all(), "plan": _plan(breach),
        "can_prepare": request.user.can("prepare_notices")})


@login_required
def campaign(request, public_id, campaign_id):
    breach = breach_for(request.user, public_id)
    item = _campaign(breach, campaign_id)
    counts = {row["status"]: row["n"] for row in item.deliveries.values("status").annotate(n=Count("id"))}
    by_channel = list(item.deliveries.values("channel", "status").annotate(n=Count("id")).order_by("channel", "status"))
    failures = item.deliveries.filter(status__in=(Delivery.Status.FAILED, Delivery.Status.BOUNCED)).select_related(
        "person")[:50]
    problems = campaigns.blocking_problems(item) if item.status == Campaign.Status.DRAFT else []
    return render(request, "notices/campaign.html", {
        "breach": breach, "campaign": item, "counts": counts, "by_channel": by_channel, "failures": failures,
        "problems": problems, "packs": item.print_packs.all(), "print_files_days": settings.PRINT_FILES_DAYS,
        "letters_waiting": item.deliveries.filter(channel="letter", status__in=Delivery.REACHED,
                                                  print_pack__isnull=True).count(),
        "held": campaigns.audience(item).filter(safeguarding=True).count(),
        "interrupted": campaigns.interrupted(item).count(),
        "can_send": request.user.can("send_notices"), "can_prepare": request.user.can("prepare_notices")})


def _action(request, public_id, campaign_id, need, action, done):
    breach = breach_for(request.user, public_id, need=need)
    item = _campaign(breach, campaign_id)
    try:
        result = action(item, request.user)
    except CampaignError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done(result))
    return redirect("notices:campaign", public_id, campaign_id)


@login_required
@require_POST
def campaign_start(request, public_id, campaign_id):
    return _action(request, public_id, campaign_id, "send_notices", campaigns.start,
                   lambda n: f"Sending started: {n} notices queued")


@login_required
@require_POST
def campaign_pause(request, public_id, campaign_id):
    return _action(request, public_id, campaign_id, "send_notices", campaigns.pause, lambda _: "Sending paused")


@login_required
@require_POST
def campaign_resume(request, public_id, campaign_id):
    return _action(request, public_id, campaign_id, "send_notices", campaigns.resume, lambda _: "Sending resumed")


@login_required
@require_POST
def campaign_resend(request, public_id, campaign_id):
    return _action(request, public_id, campaign_id, "send_notices", campaigns.resend_interrupted,
                   lambda n: f"{n} interrupted notices queued again")


@login_required
@require_POST
def campaign_print_pack(request, public_id, campaign_id):
    breach = breach_for(request.user, public_id, need="send_notices")
    item = _campaign(breach, campaign_id)
    pack = print_pack.build(item, request.user)
    if pack is None:
        messages.info(request, "There are no new letters to print")
    else:
        messages.success(request, f"Print pack made: {pack.letters} letters, {pack.pages} pages")
    return redirect("notices:campaign", public_id, campaign_id)


@login_required
def print_pack_file(request, public_id, campaign_id, pack_id, kind):
    breach = breach_for(request.user, public_id, need="send_notices")
    item = _campaign(breach, campaign_id)
    pack = PrintPack.objects.filter(campaign=item, public_id=pack_id).first()
    if pack is None or kind not in ("pdf", "csv"):
        raise Http404
    if not (pack.pdf_path if kind == "pdf" else pack.csv_path):
        return render(request, "notices/print_pack_gone.html", {"breach": breach, "campaign": item, "pack": pack},
                      status=410)
    path = Path(pack.pdf_path if kind == "pdf" else pack.csv_path)
    record(request, "print_pack_download", breach, pack=pack.public_id, kind=kind)
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{breach.reference}-{pack.public_id}.{kind}",
                        content_type="application/pdf" if kind == "pdf" else "text/csv")


@login_required
def holds(request, public_id, campaign_id):
    breach = breach_for(request.user, public_id)
    item = _campaign(breach, campaign_id)
    releases = {r.person_id: r for r in item.releases.select_related("confirmed_by", "released_by")}
    people = campaigns.audience(item).filter(safeguarding=True)
    rows = [(p, releases.get(p.pk)) for p in people[:200]]
    record(request, "view_safeguarding_holds", breach, campaign=item.public_id)
    return render(request, "notices/holds.html", {
        "breach": breach, "campaign": item, "rows": rows, "form": SafeChannelForm(),
        "can_prepare": request.user.can("prepare_notices"), "can_send": request.user.can("send_notices")})


@login_required
def hold_confirm(request, public_id, campaign_id, person_id):
    breach = breach_for(request.user, public_id, need="prepare_notices")
    item = _campaign(breach, campaign_id)
    person = breach.people.filter(public_id=person_id, safeguarding=True).first()
    if person is None:
        raise Http404
    form = SafeChannelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = {k: data.get(k) or "" for k in ("email", "address", "postcode", "phone")}
        try:
            campaigns.confirm_safe_channel(item, person, request.user, channel=data["channel"], contact=contact,
                                           how_confirmed=data["how_confirmed"])
        except CampaignError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Safe channel confirmed. A second person must now release the notice.")
            return redirect("notices:holds", public_id, campaign_id)
    return render(request, "notices/hold_confirm.html", {"breach": breach, "campaign": item, "person": person,
                                                         "form": form})


@login_required
@require_POST
def hold_release(request, public_id, campaign_id, release_id):
    breach = breach_for(request.user, public_id, need="send_notices")
    item = _campaign(breach, campaign_id)
    rel = SafeguardingRelease.objects.filter(campaign=item, public_id=release_id).first()
    if rel is None:
        raise Http404
    try:
        campaigns.release(rel, request.user)
    except CampaignError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Released: the notice is queued on the confirmed safe channel")
    return redirect("notices:holds", public_id, campaign_id)


@login_required
def public_statement(request, public_id):
    breach = breach_for(request.user, public_id)
    instance = _plan(breach)
    if instance is None:
        messages.info(request, "Write the notice plan first")
        return redirect("notices:plan", public_id)
    untold = campaigns.not_yet_told(breach).count()
    statement = PublicStatementForm(posted(request) if request.POST.get("form") == "statement" else None)
    communication = PublicCommunicationForm(posted(request) if request.POST.get("form") == "communication" else None)
    if request.method == "POST":
        breach_for(request.user, public_id, need="send_notices")
        if statement.is_bound and statement.is_valid():
            d = statement.cleaned_data
            try:
                campaigns.record_public_statement(instance, request.user, at=d["at"], where=d["where"],
                                                  reason=d.get("reason", ""))
            except CampaignError as exc:
                statement.add_error("reason", str(exc))
            else:
                messages.success(request, "Public statement recorded")
                return redirect("notices:statement", public_id)
        if communication.is_bound and communication.is_valid():
            d = communication.cleaned_data
            campaigns.record_public_communication(instance, request.user, reason=d["reason"], where=d["where"])
            messages.success(request, "Public communication recorded")
            return redirect("notices:statement", public_id)
    return render(request, "notices/statement.html", {
        "breach": breach, "plan": instance, "untold": untold, "statement": statement, "communication": communication,
        "can_send": request.user.can("send_notices")})
