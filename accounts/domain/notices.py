"""The in-portal inbox: links of notices, reading them, the unread count."""

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from accounts.models import Notice, User


def notice_link(viewname: str, *args, anchor: str = "") -> str:
    """The page a notice is about, as a path without a language prefix (the inbox adds the
    reader's language when the notice is opened). An unknown page gives no link, never an error."""
    try:
        with translation.override("ko"):
            path = reverse(viewname, args=args)
    except NoReverseMatch:
        return ""
    return f"{path}#{anchor}" if anchor else path


def notices_of(user: User) -> QuerySet[Notice]:
    """The user's own notices, newest first (nobody reads another person's notices)."""
    return Notice.objects.filter(recipient_id=user.pk).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    if not (user and user.is_authenticated):
        return 0
    return Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def mark_read(*, notice: Notice, reader: User) -> Notice:
    """Mark the reader's own notice read (once: a second open keeps the first time)."""
    if notice.recipient_id != reader.pk:
        raise PermissionError("not the recipient")
    if notice.read_at is None:
        now = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now)
        notice.read_at = now
    return notice


def mark_all_read(*, reader: User) -> int:
    """Mark every unread notice of the reader read; the number marked."""
    return Notice.objects.filter(recipient_id=reader.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
