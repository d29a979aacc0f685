"""Forms of sign-up and password reset, styled as KRDS form controls."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm, UsernameField
from django.utils.translation import gettext_lazy as _

from accounts.domain.signup import email_taken
from accounts.models import User
from config.forms import KrdsFormMixin


class SignUpForm(KrdsFormMixin, forms.Form):
    """A PI's account: username, name, e-mail and the password twice (settings' validators)."""

    username = UsernameField(
        label=_("Username"),
        max_length=150,
        help_text=_("Up to 150 characters: letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send a link to this address to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."), code="username_taken")
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email_taken(email):
            raise forms.ValidationError(
                _("An account with this e-mail address already exists."), code="email_taken"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            user = User(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class ResendVerificationForm(KrdsFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class KrdsPasswordResetForm(KrdsFormMixin, PasswordResetForm):
    pass


class KrdsSetPasswordForm(KrdsFormMixin, SetPasswordForm):
    pass
