"""The challenges (R09, R10) and the adequacy opinions, read-only in the admin: teams with their
members, tier awards, prizes and citizens' votes change only through the challenge pages."""

from django.contrib import admin

from config.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from evaluation import models


class MemberInline(ReadOnlyInline):
    model = models.ChallengeTeamMember
    fields = readonly_fields = ["name", "role", "affiliation"]


@admin.register(models.ChallengeTeam)
class ChallengeTeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "application", "institution", "re_entry", "created_at"]
    list_filter = ["kind", "re_entry"]
    search_fields = ["name", "application__title_ko", "application__receipt_no"]
    list_select_related = ["application", "institution"]
    raw_id_fields = ["application", "institution", "re_entry_confirmed_by"]
    inlines = [MemberInline]


@admin.register(models.TierAward)
class TierAwardAdmin(ReadOnlyAdmin):
    list_display = ["application", "call", "tier_code", "amount_krw", "tie_break", "decided_at"]
    list_filter = ["tier_code"]
    list_select_related = ["application", "call"]
    raw_id_fields = ["call", "application", "decided_by", "agreement_year"]


@admin.register(models.PrizeAward)
class PrizeAwardAdmin(ReadOnlyAdmin):
    list_display = ["application", "call", "category", "amount_krw", "currency", "amount_minor",
                    "awarded_at"]  # fmt: skip
    list_filter = ["category", "currency"]
    list_select_related = ["application", "call"]
    raw_id_fields = ["call", "application", "awarded_by"]


@admin.register(models.CitizenVote)
class CitizenVoteAdmin(ReadOnlyAdmin):
    list_display = ["call", "application", "cast_at"]  # not who voted: the list is for counts
    list_select_related = ["call", "application"]
    exclude = ["voter"]


@admin.register(models.AdequacyOpinion)
class AdequacyOpinionAdmin(ReadOnlyAdmin):
    list_display = ["application", "seat", "result", "updated_at"]
    list_filter = ["result"]
    raw_id_fields = ["seat", "application"]
