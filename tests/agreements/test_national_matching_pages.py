"""The national-matching and adequacy-committee pages alone: each has its own title and shows no
internal code, in Korean and English (the same pages are in the a11y scenario)."""

import pytest
from django.test import Client

from accounts.enums import Role
from tests.agreements.national_matching_helpers import requester
from tests.agreements.national_matching_pages import national_matching_pages
from tests.test_page_labels import _Text, raw_codes

pytestmark = pytest.mark.django_db
OWN_CODES = ("not_adequate", "not_selected", "national_year_result", "requested", "approved",
             "reduced", "stopped", "continue", "adequate")  # fmt: skip


def test_pages_have_their_own_title_and_no_raw_codes(users, catalogue):
    applicant = requester("nm-pages-applicant")
    extra, pages = national_matching_pages(applicant, users[Role.STAFF], users)
    who = {"applicant": applicant, "staff": users[Role.STAFF], "official": users[Role.OFFICIAL],
           "public": None, **extra}  # fmt: skip
    problems, titles = [], set()
    for role, entries in pages.items():
        client = Client()
        if who[role] is not None:
            client.force_login(who[role])
        for name, path in entries:
            for prefix in ("", "/en"):
                response = client.get(prefix + path)
                if response.status_code != 200:
                    problems.append(f"{role} {name} {prefix}: HTTP {response.status_code}")
                    continue
                parser = _Text()
                parser.feed(response.content.decode())
                titles.add(parser.title)
                codes = raw_codes(parser.texts) + [t for t in parser.texts if t in OWN_CODES]
                if codes:
                    problems.append(f"{role} {name} {prefix}: raw codes {codes}")
    assert not problems, "\n".join(problems)
    assert len(titles) >= 10
