"""The sending loop: queue, claim, send, record; retries, fallback and recovery.

Invariants (tested):

- a notice is queued at most once per person, campaign and channel (a unique key);
- a row is claimed before it is touched, so two workers never send the same one
  (``select_for_update(skip_locked=True)`` on PostgreSQL; SQLite's write lock serialises);
- rows are marked ``sending`` in a committed transaction *before* the channel is called (in
  small groups, ``SEND_GROUP``), and ``sent`` after. If the channel fails, the row goes back to
  ``queued`` (with back-off) or to ``failed``/``bounced``; it is never left claimed. If the
  worker dies, at most one small group per worker is left ``sending``: ``recover`` marks those
  failed as "interrupted", never resends them by itself, so no one is sent a notice twice;
- a bounce or a permanent failure queues the person's next channel in the campaign's order
  (email, then letter) — except for a safeguarding release, which goes only where confirmed.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from breachdesk.notices import NoticeError
from breachdesk.web.audit.log import record
from breachdesk.web.notices import channels
from breachdesk.web.notices.adapters import context_for, person_for
from breachdesk.web.notices.campaigns import audience
from breachdesk.web.notices.models import Campaign, Delivery, NoticePlan
from breachdesk.web.notices.rendering import NoticeRenderer
from breachdesk.web.people import crypto
from breachdesk.web.people.models import _REF_ALPHABET as PORTAL_CODE_ALPHABET
from breachdesk.web.people.models import AffectedPerson

log = logging.getLogger(__name__)

BATCH = 200
# Notices marked "sending" together, sent on one connection, then recorded together. A worker
# that dies mid-group leaves at most this many rows "sending", each marked "interrupted".
SEND_GROUP = 20
LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 5
QUEUE_CHUNK = 5000


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes, at most an hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


# -- queueing ----------------------------------------------------------------------------

@dataclass
class QueueCounts:
    queued: int = 0
    held: int = 0
    unreachable: int = 0


def _quick_reach(channel: str, email_index: str, postcode_index: str, wrong: list) -> bool | None:
    """Whether ``channel`` can reach a person from the indexes alone; None: decrypt to know."""
    if channel in ("email", "notify_email"):
        return bool(email_index) and "email" not in wrong
    if channel in ("letter", "notify_letter"):
        return bool(postcode_index) and "postcode" not in wrong and "no_contact_route" not in wrong
    return None


def first_channel(order: list[str], row, details_of) -> str | None:
    _, email_index, postcode_index, wrong = row
    for name in order:
        quick = _quick_reach(name, email_index, postcode_index, wrong)
        if quick is None:
            quick = channels.REGISTRY[name]().reaches(details_of())
        if quick:
            return name
    return None


def queue(campaign: Campaign) -> QueueCounts:
    """Write a queued Delivery for everyone in the audience not held for safeguarding, on the
    first channel that can reach them. Idempotent: queueing again adds nothing twice."""
    counts = QueueCounts()
    people = audience(campaign)
    counts.held = people.filter(safeguarding=True).count()
    rows = people.filter(safeguarding=False).order_by("id").values_list(
        "id", "email_index", "postcode_index", "needs_correction")
    # On PostgreSQL a first queue is written with COPY (a million rows in seconds); otherwise,
    # and on any later queue, bulk inserts that skip rows already there.
    fast = connection.vendor == "postgresql" and not campaign.deliveries.exists()
    batch: list[tuple[int, str]] = []
    for row in rows.iterator(chunk_size=QUEUE_CHUNK):
        cache = {}

        def details_of(pk=row[0], cache=cache):
            if "d" not in cache:
                cache["d"] = AffectedPerson.objects.get(pk=pk).details
            return cache["d"]

        name = first_channel(campaign.channels, row, details_of)
        if name is None:
            counts.unreachable += 1
            continue
        batch.append((row[0], name))
        if len(batch) >= QUEUE_CHUNK:
            counts.queued += _insert(campaign, batch, fast)
            batch = []
    counts.queued += _insert(campaign, batch, fast)
    return counts


_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _public_ids(n: int) -> list[str]:
    """``n`` public ids as core.ids.new_public_id makes them (31 letters, 12 long), from one
    read of the system's random source: rejection sampling keeps every letter equally likely."""
    out, need = [], n * 12
    letters: list[str] = []
    while len(letters) < need:
        letters += [_ID_ALPHABET[b % 31] for b in secrets.token_bytes(need - len(letters) + 64) if b < 248]
    for i in range(n):
        out.append("".join(letters[12 * i:12 * i + 12]))
    return out


def _insert(campaign: Campaign, batch: list[tuple[int, str]], fast: bool) -> int:
    if not batch:
        return 0
    ids = _public_ids(len(batch))
    now = timezone.now()
    if fast:
        columns = ("public_id", "campaign_id", "person_id", "channel", "key", "status", "attempts", "claimed_by",
                   "reason", "provider_id", "created_at", "updated_at")
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY {Delivery._meta.db_table} ({', '.join(columns)}) FROM STDIN") as copy:
                for public_id, (person_id, name) in zip(ids, batch, strict=True):
                    copy.write_row((public_id, campaign.pk, person_id, name,
                                    Delivery.make_key(campaign.pk, person_id, name), Delivery.Status.QUEUED, 0, "",
                                    "", "", now, now))
        return len(batch)
    Delivery.objects.bulk_create(
        [Delivery(public_id=public_id, campaign=campaign, person_id=person_id, channel=name,
                  key=Delivery.make_key(campaign.pk, person_id, name), created_at=now, updated_at=now)
         for public_id, (person_id, name) in zip(ids, batch, strict=True)], ignore_conflicts=True)
    return len(batch)


# -- claiming ----------------------------------------------------------------------------

def _due(campaign, now):
    return Delivery.objects.filter(campaign=campaign, status=Delivery.Status.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE))


def claim(campaign: Campaign, worker: str, limit: int = BATCH) -> list[int]:
    now = timezone.now()
    with transaction.atomic():
        rows = _due(campaign, now).order_by("id")
        if connection.vendor == "postgresql":
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        ids = list(rows.values_list("id", flat=True)[:limit])
        if ids:
            Delivery.objects.filter(id__in=ids).update(claimed_by=worker, claimed_at=now, updated_at=now)
    return ids


def _release_claims(ids: list[int], worker: str) -> None:
    if ids:
        Delivery.objects.filter(id__in=ids, claimed_by=worker, status=Delivery.Status.QUEUED).update(
            claimed_by="", claimed_at=None)


def recover(campaign: Campaign, lease: timedelta = LEASE) -> int:
    """After a worker died: a row left ``sending`` may or may not have gone. It is marked
    failed ("interrupted"), not resent, so nobody gets a notice twice; the campaign page lists
    it so a person can check and send it again. Stale claims simply expire."""
    cutoff = timezone.now() - lease
    return Delivery.objects.filter(campaign=campaign, status=Delivery.Status.SENDING, updated_at__lt=cutoff).update(
        status=Delivery.Status.FAILED, claimed_by="", updated_at=timezone.now(),
        reason="interrupted while sending: it may have gone (check the Message-ID in the mail log) "
               "before sending it again")


# -- sending -----------------------------------------------------------------------------

def _finish(delivery: Delivery, **fields) -> None:
    fields.setdefault("updated_at", timezone.now())
    fields.setdefault("claimed_by", "")
    for name, value in fields.items():
        setattr(delivery, name, value)
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def fall_back(delivery: Delivery, campaign: Campaign) -> Delivery | None:
    """Queue the person's next channel after a bounce or a permanent failure."""
    if delivery.release_id:
        return None  # a safeguarding release goes only by the channel two people confirmed
    order = campaign.channels
    later = order[order.index(delivery.channel) + 1:] if delivery.channel in order else []
    details = None
    for name in later:
        person = delivery.person
        quick = _quick_reach(name, person.email_index, person.postcode_index, person.needs_correction)
        if quick is None:
            details = details if details is not None else person.details
            quick = channels.REGISTRY[name]().reaches(details)
        if quick:
            new, _ = Delivery.objects.get_or_create(
                key=Delivery.make_key(campaign.pk, person.pk, name),
                defaults={"campaign": campaign, "person": person, "channel": name})
            return new
    return None


def _fail(delivery, campaign, status, reason, *, attempted: bool = False) -> None:
    # ``attempted``: the channel was tried (a refusal, a give-up), so the attempt is counted.
    extra = {"attempts": delivery.attempts + 1} if attempted else {}
    _finish(delivery, status=status, reason=reason, **extra)
    fall_back(delivery, campaign)


class Sender:
    """Sends the claimed rows of one campaign; one per worker run."""

    def __init__(self, campaign: Campaign, worker: str | None = None):
        self.campaign = campaign
        self.worker = worker or secrets.token_hex(8)
        plan = NoticePlan.objects.filter(breach=campaign.breach).first()
        self.renderer = NoticeRenderer(context_for(plan)) if plan else None
        self.counts = {"sent": 0, "failed": 0, "bounced": 0, "retry": 0}

    def paused(self) -> bool:
        return Campaign.objects.filter(pk=self.campaign.pk).values_list("status", flat=True).first() != \
            Campaign.Status.SENDING

    def send_batch(self, ids: list[int]) -> None:
        rows = list(Delivery.objects.filter(id__in=ids, claimed_by=self.worker, status=Delivery.Status.QUEUED)
                    .select_related("person", "release").order_by("id"))
        by_channel: dict[str, list[Delivery]] = {}
        for row in rows:
            by_channel.setdefault(row.channel, []).append(row)
        for name, group in by_channel.items():
            self._send_group(name, group)

    def _send_group(self, name: str, group: list[Delivery]) -> None:
        channel = channels.get(name)
        try:
            channel.open()
        except channels.TemporaryFailure as exc:
            self._put_back(group, exc.reason)
            return
        try:
            for start in range(0, len(group), SEND_GROUP):
                if start and self.paused():
                    _release_claims([d.pk for d in group[start:]], self.worker)
                    return
                if not self._send_small_group(channel, group[start:start + SEND_GROUP]):
                    self._put_back(group[start + SEND_GROUP:], "the channel went away")
                    return
        finally:
            channel.close()

    def _send_small_group(self, channel: channels.BaseChannel, group: list[Delivery]) -> bool:
        """Prepare, mark as sending (one commit), send, record (one commit). False if the
        channel went away: what was not attempted is back in the queue."""
        prepared = self._prepare(channel, group)
        sent: list[Delivery] = []
        try:
            for i, (delivery, message) in enumerate(prepared):
                try:
                    result = channel.send(message)
                except channels.Bounced as exc:
                    _fail(delivery, self.campaign, Delivery.Status.BOUNCED, exc.reason, attempted=True)
                    self.counts["bounced"] += 1
                except channels.PermanentFailure as exc:
                    _fail(delivery, self.campaign, Delivery.Status.FAILED, exc.reason, attempted=True)
                    self.counts["failed"] += 1
                except channels.TemporaryFailure as exc:
                    self._retry(delivery, exc.reason)
                    if exc.channel_down:
                        self._unmark([d for d, _ in prepared[i + 1:]], exc.reason)
                        return False
                else:
                    self._sent(delivery, result)
                    sent.append(delivery)
        finally:
            self._record_sent(sent)
        return True

    def _prepare(self, channel, group: list[Delivery]) -> list[tuple[Delivery, channels.Outgoing]]:
        """Each notice rendered with a new portal code; then, in one transaction, the codes
        saved and the rows marked ``sending``: written before anything is sent."""
        if self.renderer is None:
            raise channels.TemporaryFailure("the breach has no notice plan", channel_down=True)
        ready = []
        now = timezone.now()
        for delivery in group:
            person = delivery.person
            contact = delivery.release.safe_contact if delivery.release_id else person.details
            if not channel.reaches(contact):
                _fail(delivery, self.campaign, Delivery.Status.FAILED, f"no usable {' and '.join(channel.needs)}")
                self.counts["failed"] += 1
                continue
            code = new_portal_code()
            engine_person = person_for(person, portal_code=code)
            if delivery.release_id:
                lines = tuple(x for x in (contact.get("address", ""), contact.get("postcode", "")) if x)
                engine_person = replace(engine_person, address_lines=lines)
            try:
                if self.renderer.errors(engine_person):
                    raise NoticeError("the notice fails its checks")
                rendered = self.renderer.render(engine_person, letter=channel.letter)
            except NoticeError as exc:
                _fail(delivery, self.campaign, Delivery.Status.FAILED, f"the notice could not be made: {exc}")
                self.counts["failed"] += 1
                continue
            person.portal_code_hash, person.portal_code_issued_at = crypto.blind_index("portal_code", code), now
            text, html = with_code(rendered.text, rendered.html, person.reference, code)
            ready.append((delivery, channels.Outgoing(
                key=delivery.key, reference=person.reference, contact=contact, subject=rendered.subject,
                text=text, html=html, portal_code=code, letter_html=html if channel.letter else "")))
        if not ready:
            return []
        with transaction.atomic():
            mine = Delivery.objects.filter(pk__in=[d.pk for d, _ in ready], claimed_by=self.worker,
                                           status=Delivery.Status.QUEUED)
            if connection.vendor == "postgresql":
                mine = mine.select_for_update(of=("self",))
            ids = set(mine.values_list("pk", flat=True))
            ready = [(d, m) for d, m in ready if d.pk in ids]  # the rest were paused and reclaimed meanwhile
            Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.SENDING, updated_at=now)
            # Issuing a code invalidates the person's previous one: only the code in this notice works.
            # executemany (pipelined by psycopg 3): bulk_update's CASE per row is slow at this rate.
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {AffectedPerson._meta.db_table} SET portal_code_hash = %s, portal_code_issued_at = %s "
                    "WHERE id = %s",
                    [(d.person.portal_code_hash, now, d.person_id) for d, _ in ready])
        for delivery, _ in ready:
            delivery.status = Delivery.Status.SENDING
        return ready

    def _unmark(self, group: list[Delivery], reason: str) -> None:
        """Marked sending but never handed to the channel: back to the queue, unsent."""
        when = timezone.now() + backoff(1)
        Delivery.objects.filter(pk__in=[d.pk for d in group], status=Delivery.Status.SENDING).update(
            status=Delivery.Status.QUEUED, claimed_by="", claimed_at=None, next_attempt_at=when, reason=reason,
            updated_at=timezone.now())

    def _sent(self, delivery: Delivery, result: channels.Sent) -> None:
        now = timezone.now()
        delivery.status = Delivery.Status.DELIVERED if result.delivered else Delivery.Status.SENT
        delivery.sent_at, delivery.delivered_at = now, now if result.delivered else None
        delivery.provider_id, delivery.pages = result.provider_id[:200], result.pages
        delivery.attempts, delivery.reason, delivery.next_attempt_at = delivery.attempts + 1, "", None
        delivery.claimed_by, delivery.updated_at = "", now
        self.counts["sent"] += 1

    def _record_sent(self, sent: list[Delivery]) -> None:
        if not sent:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s, delivered_at = %s, "
                "provider_id = %s, pages = %s, attempts = %s, reason = '', next_attempt_at = NULL, claimed_by = '', "
                "updated_at = %s WHERE id = %s",
                [(d.status, d.sent_at, d.delivered_at, d.provider_id, d.pages, d.attempts, d.updated_at, d.pk)
                 for d in sent])

    def _put_back(self, group: list[Delivery], reason: str) -> None:
        """The channel is down: these were not attempted; they wait a little and go again."""
        when = timezone.now() + backoff(1)
        Delivery.objects.filter(pk__in=[d.pk for d in group], claimed_by=self.worker,
                                status=Delivery.Status.QUEUED).update(
            claimed_by="", claimed_at=None, next_attempt_at=when, reason=reason, updated_at=timezone.now())

    def _retry(self, delivery: Delivery, reason: str) -> None:
        attempts = delivery.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            _fail(delivery, self.campaign, Delivery.Status.FAILED, f"gave up after {attempts} attempts: {reason}",
                  attempted=True)
            self.counts["failed"] += 1
            return
        _finish(delivery, status=Delivery.Status.QUEUED, attempts=attempts, reason=reason, claimed_at=None,
                next_attempt_at=timezone.now() + backoff(attempts))
        self.counts["retry"] += 1


def with_code(text: str, html: str, reference: str, code: str) -> tuple[str, str]:
    """Every notice carries the person's reference and portal code. The engine prints them when
    the portal is there; otherwise they are added at the end, in the text and the HTML."""
    if code in text:
        return text, html
    text = f"{text.rstrip()}\n\nYour reference: {reference}\nYour code: {code}\n"
    para = f'<p class="codes">Your reference: <strong>{reference}</strong><br>Your code: <strong>{code}</strong></p>'
    end = "</article>"
    at = html.rfind(end)
    html = html[:at] + para + "\n" + html[at:] if at >= 0 else html + para
    return text, html


def new_portal_code() -> str:
    """A portal code as ``AffectedPerson.issue_portal_code`` makes one (saved in bulk here)."""
    return "".join(secrets.choice(PORTAL_CODE_ALPHABET) for _ in range(8))


def run(campaign: Campaign, *, max_batches: int | None = None, lease: timedelta = LEASE) -> dict:
    """Send what is due until nothing is, the campaign is paused, or ``max_batches`` (or the
    throttle's one batch a minute) is reached. Returns counts; marks the campaign done when
    nothing is left queued or sending."""
    campaign.refresh_from_db()
    if campaign.status != Campaign.Status.SENDING:
        return {}
    if campaign.scheduled_at and campaign.scheduled_at > timezone.now():
        return {}
    recover(campaign, lease)
    sender = Sender(campaign)
    limit = min(BATCH, campaign.throttle_per_minute) if campaign.throttle_per_minute else BATCH
    batches = 0
    while not sender.paused():
        ids = claim(campaign, sender.worker, limit)
        if not ids:
            break
        sender.send_batch(ids)
        batches += 1
        if (max_batches and batches >= max_batches) or campaign.throttle_per_minute:
            break
    if any(sender.counts.values()):
        record(None, "notices_sent", campaign.breach, campaign=campaign.public_id, **sender.counts)
    _maybe_done(campaign)
    return sender.counts


def _maybe_done(campaign: Campaign) -> None:
    open_rows = Delivery.objects.filter(campaign=campaign, status__in=(Delivery.Status.QUEUED,
                                                                       Delivery.Status.SENDING))
    if not open_rows.exists():
        Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.DONE, finished_at=timezone.now())


def next_due(campaign: Campaign):
    """When the next queued row becomes due (None: nothing waiting)."""
    row = Delivery.objects.filter(campaign=campaign, status=Delivery.Status.QUEUED).order_by(
        "next_attempt_at").values_list("next_attempt_at", flat=True).first()
    return row


def record_bounce(delivery: Delivery, reason: str) -> Delivery | None:
    """A bounce reported after sending (a DSN, a provider's callback): mark it and fall back."""
    with transaction.atomic():
        _finish(delivery, status=Delivery.Status.BOUNCED, reason=reason[:300])
        new = fall_back(delivery, delivery.campaign)
        if new is not None:
            Campaign.objects.filter(pk=delivery.campaign_id, status=Campaign.Status.DONE).update(
                status=Campaign.Status.SENDING, finished_at=None)
    return new
