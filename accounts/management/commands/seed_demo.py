import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.enums import InstitutionType, Role, SiteKind
from accounts.models import Institution, Researcher, User
from programs.domain.calls import create_call
from programs.models import Call, Operator, Program

DEMO_USERS = [
    ("demo-staff", Role.STAFF, "SBA 담당자"),
    ("demo-applicant", Role.APPLICANT, "김연구"),
    ("demo-evaluator", Role.EVALUATOR, "박평가"),
    ("demo-official", Role.OFFICIAL, "이주무"),
    ("demo-operator", Role.OPERATOR, "최심사"),
]


class Command(BaseCommand):
    help = "Create demo users (one per role), a demo institution and demo calls. Refused when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo is refused when DEBUG is off (it creates accounts with a known password)."
            )
        if not Program.objects.filter(code="INV").exists():
            raise CommandError("Load the catalogue first: python manage.py load_programs")
        institution, _ = Institution.objects.get_or_create(
            business_no="1248100998",
            defaults={"name": "주식회사 데모바이오", "name_en": "Demo Bio Inc.", "type": InstitutionType.COMPANY,
                      "incorporated_on": dt.date(2020, 3, 2), "is_sme": True, "representative": "김연구"},
        )  # fmt: skip
        if not institution.sites.exists():
            institution.sites.create(
                kind=SiteKind.HQ, address="서울특별시 성북구 화랑로 14길 5", district="성북구"
            )
        operator = Operator.objects.order_by("id").first()
        for username, role, name in DEMO_USERS:
            user, made = User.objects.get_or_create(username=username, defaults={"role": role})
            user.role = role
            user.first_name = name
            user.email = f"{username}@demo.invalid"
            user.institution = institution if role == Role.APPLICANT else None
            user.operator = operator if role == Role.OPERATOR else None
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
            if role == Role.APPLICANT:
                Researcher.objects.get_or_create(
                    researcher_no="11112222",
                    defaults={"name": name, "institution": institution, "user": user},
                )
        staff = User.objects.get(username="demo-staff")
        now = timezone.localtime()
        if not Call.objects.filter(title__startswith="[데모]").exists():
            create_call(
                actor=staff, title="[데모] 2023년 서울형 민간투자연계 기술사업화 지원사업(1차)",
                title_en="[Demo] 2023 investment-linked commercialisation R&D (1st round)",
                programs=[Program.objects.get(code="INV")],
                opens_at=now - dt.timedelta(days=3),
                closes_at=(now + dt.timedelta(days=28)).replace(hour=16, minute=0, second=0, microsecond=0),
                slots=10, budget_envelope_krw=4_000_000_000,
            )  # fmt: skip
            create_call(
                actor=staff, title="[데모] 2021년 양재 AI·포스트코로나 AI 통합 공모",
                title_en="[Demo] 2021 Yangjae AI and post-COVID AI joint call",
                programs=list(Program.objects.filter(code__in=["R05", "R12"])),
                opens_at=now - dt.timedelta(days=1),
                closes_at=(now + dt.timedelta(days=20)).replace(hour=16, minute=0, second=0, microsecond=0),
                slots=14, budget_envelope_krw=3_680_000_000,
            )  # fmt: skip
        self._tracked_calls(staff, now)
        self.stdout.write(self.style.SUCCESS(
            "Demo data ready: users " + ", ".join(u for u, _, _ in DEMO_USERS) + " (password from DEMO_PASSWORD)."
        ))  # fmt: skip

    def _tracked_calls(self, staff, now) -> None:
        """Demo calls of programmes with tracks (R01, R07), each track with its own number of
        projects and budget envelope (Call.flow["tracks"], as staff set them on the call's
        tracks page). Figures: seed 000 Ⅳ-① (about 120 projects, ≤ 50 M each) and Ⅳ-⑦ (6–7
        projects, 300 M each); the split between the tracks is a demo choice. Idempotent."""
        from programs.domain.call_tracks import set_call_tracks

        closes = (now + dt.timedelta(days=25)).replace(hour=16, minute=0, second=0, microsecond=0)
        for code, title, title_en, slots, envelope, tracks in DEMO_TRACKED_CALLS:
            program = Program.objects.filter(code=code).first()
            if program is None or Call.objects.filter(title=title).exists():
                continue
            call = create_call(actor=staff, title=title, title_en=title_en, programs=[program],
                               opens_at=now - dt.timedelta(days=2), closes_at=closes, slots=slots,
                               budget_envelope_krw=envelope)  # fmt: skip
            set_call_tracks(call=call, values=tracks, actor=staff)


M = 1_000_000
DEMO_TRACKED_CALLS = [
    ("R01", "[데모] 2021년 중소기업 기술상용화 지원(크라우드펀딩형·공개평가형)",
     "[Demo] 2021 SME commercialisation (crowdfunding and open-evaluation types)", 120, 6_000 * M,
     {"crowdfunding": {"slots": 70, "envelope_krw": 3_500 * M},
      "open_evaluation": {"slots": 50, "envelope_krw": 2_500 * M}}),
    ("R07", "[데모] 2021년 동대문 패션·상권 혁신 R&D",
     "[Demo] 2021 Dongdaemun fashion and district innovation R&D", 7, 2_100 * M,
     {"district_innovation": {"slots": 4, "envelope_krw": 1_200 * M},
      "fashion_it": {"slots": 3, "envelope_krw": 900 * M}}),
]  # fmt: skip
