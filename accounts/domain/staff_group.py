"""The "staff" group: the model permissions SBA staff have in the browser admin.

README promises staff the admin for the catalogue, calls, budgets, institutions and the screening
data (with Excel/CSV import-export). This is data, not code in each ModelAdmin: the group is
created and brought up to date after every `migrate` (post_migrate, `sync_staff_group`), and a
user saved with the staff role is put in it (`accounts.models.User.save`).

Records that change only through domain functions (screening runs and results, committees,
assignments, score sheets, stage results, decisions, notices, objections, the audit trail) are
view-only here. Users are not in the group's reach at all: editing accounts (roles, superuser
flags) stays with superusers.
"""

from django.db import transaction

STAFF_GROUP = "staff"

MANAGE = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
VIEW = ("view",)
VERIFY = ("change", "view")  # staff tick a checkbox on existing rows; rows come from the pages

# app label → {model name: actions}
STAFF_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "programs": {
        # the catalogue and calls
        "program": EDIT,
        "field": EDIT,
        "operator": EDIT,
        "call": EDIT,
        # budgets
        "budgetline": MANAGE,
        "printedtotal": MANAGE,
        # the 2021 list of continuing national-matching projects (loaded from seed 000 Ⅳ-⑯)
        "continuingnationalproject": VIEW,
        # R03 policy designations are made by the designating official's page
        "policydesignation": VIEW,
        # Tech Partners, follow-on selections and R15 forum records change through their pages
        # (domain functions with audit); the admin shows them
        "techpartner": VIEW,
        "techneed": VIEW,
        "techmatch": VIEW,
        "techoutcome": VIEW,
        "followonselection": VIEW,
        "forumrecord": VIEW,
    },
    "accounts": {
        # institutions and researchers
        "institution": MANAGE,
        "institutionsite": MANAGE,
        "hubtenancy": MANAGE,
        "researcher": MANAGE,
        "auditentry": VIEW,
        "notice": VIEW,
        # public notices (공지사항) are written by staff
        "announcement": MANAGE,
        # the campus-town expert pool: staff import it from Excel in the admin (README)
        "expertprofile": MANAGE,
    },
    "screening": {
        # screening data (import/export)
        "recommendation": MANAGE,
        "financialstatement": MANAGE,
        "creditstatus": MANAGE,
        "obligation": MANAGE,
        "sanction": MANAGE,
        # screening outcomes change only through the screening pages
        "screeningrun": VIEW,
        "screeningresult": VIEW,
        "duplicateflag": VIEW,
    },
    "agreements": {
        # funded projects and participations: the data duplicate and participation checks read
        "project": MANAGE,
        "projectparticipation": MANAGE,
        # agreement terms are edited by staff; agreements, versions and signatures change only
        # through the agreement pages
        "termstemplate": EDIT,
        "agreement": VIEW,
        "agreementversion": VIEW,
        "signature": VIEW,
        # post-award records, national matching (R16) and chained agreements (R03): changed only
        # through their pages
        "evaluationround": VIEW,
        "bill": VIEW,
        "settlement": VIEW,
        "sanctiondecision": VIEW,
        "expense": VIEW,
        "statementimport": VIEW,
        "changerequest": VIEW,
        "commitmentrequest": VIEW,
        "nationalyear": VIEW,
        "chainedagreement": VIEW,
        # money: changed only by the payment pages and the ledger functions
        "ledgerentry": VIEW,
        "paymentbatch": VIEW,
        "instalment": VIEW,
        "guarantee": VIEW,
    },
    "applications": {
        # applications change only through the applicant's and staff pages
        "application": VIEW,
        # facts applicants claim with evidence: staff verify them in the admin (the tick)
        "applicationclaim": VERIFY,
        # crowdfunding and open-evaluation tracks, campus-town problems and matches, Testbed
        # Seoul: changed only through their pages
        "crowdfundingcampaign": VIEW,
        "campaignbacker": VIEW,
        "deliveryrecord": VIEW,
        "campaignflag": VIEW,
        "opensession": VIEW,
        "sessionslot": VIEW,
        "sessionregistration": VIEW,
        "consultationfeedback": VIEW,
        "technicalproblem": VIEW,
        "expertmatch": VIEW,
        "demandtopic": VIEW,
        "testbedproposal": VIEW,
        "siteopinion": VIEW,
        "testbedcertificate": VIEW,
    },
    "tracking": {
        # the city's printed record since 2005 (loaded from seed 000 by load_history)
        "historyyear": VIEW,
        "printedhistorytotal": VIEW,
        "testbedoutcome": VIEW,
        "trackingreport": VIEW,
    },
    "evaluation": {
        # the evaluator pool
        "evaluatorprofile": EDIT,
        "affiliation": MANAGE,
        "declaredrelationship": MANAGE,
        # evaluation records change only through the evaluation pages
        "committee": VIEW,
        "committeemember": VIEW,
        "assignment": VIEW,
        "conflictrecord": VIEW,
        "scoresheet": VIEW,
        "criterionscore": VIEW,
        "stageresult": VIEW,
        "sitecheck": VIEW,
        "committeedecision": VIEW,
        "resultnotice": VIEW,
        "objection": VIEW,
        "flaggedresultreview": VIEW,
        # the investment adequacy committee (INV) and the challenges (R09, R10)
        "adequacycommittee": VIEW,
        "adequacymember": VIEW,
        "adequacyopinion": VIEW,
        "adequacydecision": VIEW,
        "challengeteam": VIEW,
        "challengeteammember": VIEW,
        "tieraward": VIEW,
        "citizenvote": VIEW,
        "prizeaward": VIEW,
    },
}


def staff_permission_names() -> set[tuple[str, str]]:
    """(app_label, codename) of every permission of the staff group."""
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in STAFF_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }


def sync_staff_group(*, using: str = "default"):
    """Create the staff group if needed and set its permissions to exactly STAFF_PERMISSIONS.

    Idempotent. Permissions that do not exist (yet) are skipped; the next migrate adds them.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for app_label, codename in staff_permission_names():
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    with transaction.atomic(using=using):
        group, _ = Group.objects.using(using).get_or_create(name=STAFF_GROUP)
        group.permissions.set(list(Permission.objects.using(using).filter(wanted)))
        # users who had the staff role before the group existed
        group.user_set.add(*get_user_model().objects.using(using).filter(role="staff"))
    return group


def staff_group(*, using: str = "default"):
    """The staff group (created with its permissions if it does not exist yet)."""
    from django.contrib.auth.models import Group

    group = Group.objects.using(using).filter(name=STAFF_GROUP).first()
    return group if group is not None else sync_staff_group(using=using)


def sync_after_migrate(sender, app_config=None, using="default", **kwargs):
    """post_migrate receiver: once per migrate (when the last app is done), permissions first."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    configs = [c for c in apps.get_app_configs() if c.models_module is not None]
    if not configs or sender is not configs[-1]:
        return
    for config in configs:
        create_permissions(config, verbosity=0, using=using)
    sync_staff_group(using=using)
