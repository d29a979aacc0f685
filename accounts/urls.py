"""Sign-in, sign-up and password reset pages, and the applicant's institution registration."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import co_institution_views as co
from accounts import inbox_views, views
from accounts.interfaces.account_forms import KrdsPasswordResetForm, KrdsSetPasswordForm

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.SignUpView.as_view(), name="signup"),
    path("signup/partner/", views.PartnerSignUpView.as_view(), name="signup-partner"),
    path("signup/sent/", views.SignUpSentView.as_view(), name="signup-sent"),
    path("signup/resend/", views.ResendVerificationView.as_view(), name="signup-resend"),
    path(
        "signup/verify/<uidb64>/<token>/",
        views.SignUpVerifyView.as_view(),
        name="signup-verify",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=KrdsPasswordResetForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=KrdsSetPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("inbox/", inbox_views.InboxView.as_view(), name="inbox"),
    path("inbox/<int:pk>/open/", inbox_views.NoticeOpenView.as_view(), name="notice-open"),
    path("inbox/read-all/", inbox_views.MarkAllReadView.as_view(), name="inbox-read-all"),
    path("institutions/search/", co.InstitutionSearchView.as_view(), name="institution-search"),
    path("institutions/invite/", co.InviteView.as_view(), name="institution-invite"),
    path(
        "institutions/pending/", co.PendingInstitutionsView.as_view(), name="institutions-pending"
    ),
    path(
        "institutions/<int:pk>/decide/",
        co.DecideInstitutionView.as_view(),
        name="institution-decide",
    ),
    path("invitations/<str:token>/", co.InvitationView.as_view(), name="invitation"),
    path(
        "institution/",
        views.InstitutionRegisterView.as_view(),
        name="institution-register",
    ),
]
