"""Who may see an agreement's instalments and ledger, run payment batches and see the money summary
(pages, exports and API), role by role; the staff pages work end to end."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.enums import Role
from agreements.domain.payments import approve_batch, prepare_batch
from agreements.models import BatchStatus, Instalment, LedgerEntry, PaymentBatch
from tests.agreements.money_helpers import guarantees_green, payable_agreement, staff  # noqa: F401
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue", "guarantees_green")]
ROLES = ["party", "other_applicant", "staff", "evaluator", "official", "operator", "anonymous"]


@pytest.fixture
def setup():
    agreement = payable_agreement()
    people = {
        "party": agreement.application.applicant,
        "other_applicant": UserFactory(role=Role.APPLICANT),
        "staff": UserFactory(role=Role.STAFF),
        "evaluator": UserFactory(role=Role.EVALUATOR),
        "official": UserFactory(role=Role.OFFICIAL),
        "operator": UserFactory(role=Role.OPERATOR),
        "anonymous": None,
    }
    return agreement, people


def page_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


AGREEMENT_MONEY = {"party": 200, "staff": 200, "official": 200, "other_applicant": 404}


@pytest.mark.parametrize("role", ROLES)
def test_instalments_and_ledger_pages_export_and_api(setup, role):
    agreement, people = setup
    user = people[role]
    expected = AGREEMENT_MONEY.get(role, 403)
    pages = [
        page_client(user).get(reverse(name, args=[agreement.pk]))
        for name in ("agreements:money-instalments", "agreements:money-ledger",
                     "agreements:money-ledger-export")
    ]  # fmt: skip
    apis = [client_for(user).get(f"/api/v1/agreements/{agreement.pk}/{what}/")
            for what in ("instalments", "ledger")]  # fmt: skip
    if user is None:
        assert [p.status_code for p in pages] == [302] * 3
        assert all(a.status_code in (401, 403) for a in apis)
        return
    assert [p.status_code for p in pages + apis] == [expected] * 5
    if expected == 200:
        assert apis[0].json() == [{"year_no": 1, "amount_krw": 400_000_000, "status": "payable",
                                   "paid_on": None, "blocked_by": []}]  # fmt: skip
        assert "지급이행보증보험" in pages[0].content.decode() or role == "official"


SUMMARY = {"staff": 200, "official": 200}


@pytest.mark.parametrize("role", ROLES)
def test_money_summary_page_export_and_api(setup, role):
    user = setup[1][role]
    pages = [page_client(user).get(reverse(n)) for n in
             ("agreements:money-summary", "agreements:money-summary-export")]  # fmt: skip
    api = client_for(user).get("/api/v1/money/summary/")
    if user is None:
        assert [p.status_code for p in pages] == [302, 302] and api.status_code in (401, 403)
        return
    expected = SUMMARY.get(role, 403)
    assert [p.status_code for p in pages] + [api.status_code] == [expected] * 3


PAYMENTS = {"staff": 200}


@pytest.mark.parametrize("role", ROLES)
def test_payments_page_and_transfer_file_are_staff_only(setup, role):
    agreement, people = setup
    batch = prepare_batch(instalments=list(agreement.instalments.all()), actor=staff("p"))
    approve_batch(batch=batch, actor=staff("a"))
    user = people[role]
    page = page_client(user).get(reverse("agreements:money-payments"))
    transfer = page_client(user).get(
        reverse("agreements:money-batch-transfer", args=[batch.pk, "csv"])
    )
    post = page_client(user).post(reverse("agreements:money-payments"), {"op": "refresh"})
    if user is None:
        assert (page.status_code, transfer.status_code, post.status_code) == (302, 302, 302)
        return
    expected = PAYMENTS.get(role, 403)
    assert (page.status_code, transfer.status_code) == (expected, expected)
    assert post.status_code == (302 if expected == 200 else 403)
    if expected == 200:
        assert transfer.content.startswith(b"\xef\xbb\xbf")


def test_staff_pages_prepare_confirm_approve_and_pay(setup):
    agreement, people = setup
    preparer, approver = people["staff"], staff("approver")
    inst = Instalment.objects.get(agreement=agreement)
    url = reverse("agreements:money-payments")
    c1 = page_client(preparer)
    r = c1.get(url)
    assert r.status_code == 200 and f'value="{inst.pk}"' in r.content.decode()
    r = c1.post(url, {"op": "review", "instalment": [str(inst.pk)]})
    body = r.content.decode()
    assert r.status_code == 200 and "400,000,000" in body and "data-confirm" in body
    r = c1.post(url, {"op": "prepare", "instalment": [str(inst.pk)]})
    batch = PaymentBatch.objects.get()
    assert r.status_code == 302 and batch.status == BatchStatus.DRAFT
    # the preparer sees no approve button, and a forged approval is refused with the reason
    assert f'id="approve-{batch.pk}"' not in c1.get(url).content.decode()
    r = c1.post(url, {"op": "approve", "batch": str(batch.pk)}, follow=True)
    assert "본인이 작성한 지급 묶음은 승인할 수 없습니다" in r.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT
    c2 = page_client(approver)
    assert f'id="approve-{batch.pk}"' in c2.get(url).content.decode()
    c2.post(url, {"op": "approve", "batch": str(batch.pk)})
    r = c2.post(url, {"op": "approve", "batch": str(batch.pk)}, follow=True)  # double click
    assert r.status_code == 200 and "이미" in r.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED
    xlsx = c2.get(reverse("agreements:money-batch-transfer", args=[batch.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    r = c2.post(url, {"op": "paid", "batch": str(batch.pk), "paid_on": "not-a-date"}, follow=True)
    assert "YYYY-MM-DD" in r.content.decode()
    today = r.context["today"]
    c2.post(url, {"op": "paid", "batch": str(batch.pk), "paid_on": today.isoformat()})
    assert LedgerEntry.objects.get(agreement=agreement).amount_krw == 400_000_000
    ledger = c2.get(reverse("agreements:money-ledger", args=[agreement.pk])).content.decode()
    assert "400,000,000" in ledger


@pytest.mark.parametrize("bad", [{"op": "nope"}, {"op": "approve", "batch": "x"},
                                 {"op": "approve", "batch": "99999999"},
                                 {"op": "review", "instalment": ["a", "9" * 30]}])  # fmt: skip
def test_bad_input_is_never_a_500(setup, bad):
    r = page_client(setup[1]["staff"]).post(reverse("agreements:money-payments"), bad)
    assert r.status_code in (302, 400, 404)


def test_unknown_transfer_format_is_404(setup):
    agreement, people = setup
    batch = prepare_batch(instalments=list(agreement.instalments.all()), actor=staff("p"))
    approve_batch(batch=batch, actor=staff("a"))
    c = page_client(people["staff"])
    assert c.get(f"/agreements/staff/payments/batches/{batch.pk}/transfer.exe").status_code == 404


def test_money_pages_are_reachable_from_the_role_home_pages(setup):
    people = setup[1]
    home = page_client(people["staff"]).get(reverse("staff-home")).content.decode()
    assert reverse("agreements:money-payments") in home
    assert reverse("agreements:money-summary") in home
    board = page_client(people["official"]).get(reverse("programs:budget-dashboard"))
    assert reverse("agreements:money-summary") in board.content.decode()


def test_recheck_creates_missing_instalments_of_active_agreements(setup):
    from tests.agreements.factories import agreement_for

    fresh = agreement_for(years=2)  # activated elsewhere without ensure_instalments
    assert not Instalment.objects.filter(agreement=fresh).exists()
    page_client(setup[1]["staff"]).post(reverse("agreements:money-payments"), {"op": "refresh"})
    assert list(Instalment.objects.filter(agreement=fresh).values_list("year_no", "status")) == [
        (1, "payable"),
        (2, "planned"),
    ]


def test_bad_fiscal_year_is_a_400_not_a_500(setup):
    c = page_client(setup[1]["official"])
    assert c.get(reverse("agreements:money-summary"), {"year": "20x6"}).status_code == 400
    api = client_for(setup[1]["official"]).get("/api/v1/money/summary/", {"fiscal_year": "9" * 40})
    assert api.status_code == 400 and api.json()["field"] == "fiscal_year"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_money_pages_have_own_titles_and_show_no_raw_codes(setup, lang):
    import re

    from agreements.domain.gates import GATES
    from agreements.domain.ledger import post_entry
    from agreements.enums import LedgerKind
    from agreements.models import BatchStatus as BS
    from agreements.models import InstalmentStatus as IS
    from tests.test_page_labels import _Text

    agreement, people = setup
    post_entry(agreement=agreement, kind=LedgerKind.EXPENSE_EXECUTED, amount_krw=5,
               occurred_on=agreement.starts_on, actor=None, category="materials")  # fmt: skip
    batch = prepare_batch(instalments=list(agreement.instalments.all()), actor=staff("p"))
    codes = {*GATES, *LedgerKind.values, *IS.values, *BS.values, "materials"}
    if lang == "en":  # single-word codes ("payable", "approved") are plain English words there
        codes = {c for c in codes if "_" in c}
    raw = re.compile(r"\b(" + "|".join(sorted(codes, key=len, reverse=True)) + r")\b")
    urls = [reverse("agreements:money-instalments", args=[agreement.pk]),
            reverse("agreements:money-ledger", args=[agreement.pk]),
            reverse("agreements:money-payments"), reverse("agreements:money-summary")]  # fmt: skip
    c = page_client(people["staff"])
    titles, pages = set(), []
    # an /en/ request leaves English active in this thread: restore the language afterwards, or
    # the next test's reverse() would build /en/ URLs
    with translation.override("ko"):
        for url in urls:
            response = c.get(url if lang == "ko" else f"/en{url}")
            assert response.status_code == 200, url
            pages.append((url, response.content.decode()))
    for url, html in pages:
        page = _Text()
        page.feed(html)
        titles.add(page.title.strip())
        shown = [t for t in page.texts if raw.search(t)]
        assert not shown, (url, shown)
    assert len(titles) == len(urls)
    expected = "Payment batches" if lang == "en" else "지급 묶음"
    assert any(t.startswith(expected) for t in titles), titles
    assert batch.reference
