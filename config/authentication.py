"""API token authentication with one SQL statement per request.

DRF's TokenAuthentication loads the token with `select_related("user")` through the ORM; compiling
that query costs more CPU than the database spends answering it, on every API request. This class
reads the same row with one prepared statement (built from the models' metadata) and builds the
same objects. The rules do not change: an unknown key or an inactive user is refused. A token
older than settings.API_TOKEN_TTL is refused and deleted (accounts.domain.tokens).
"""

from functools import cache

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from accounts.domain.tokens import is_expired
from accounts.models import User
from config.prepared import convert_row, execute_prepared


@cache
def _sql() -> str:
    qn = connection.ops.quote_name
    user_columns = ", ".join(f"u.{qn(f.column)}" for f in User._meta.concrete_fields)
    return (
        f"SELECT t.{qn(Token._meta.get_field('created').column)}, {user_columns} "
        f"FROM {qn(Token._meta.db_table)} t JOIN {qn(User._meta.db_table)} u "
        f"ON u.{qn(User._meta.pk.column)} = t.{qn(Token._meta.get_field('user').column)} "
        f"WHERE t.{qn(Token._meta.get_field('key').column)} = %s"
    )


def _user_fields():
    return User._meta.concrete_fields


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, as DRF's, loaded with one raw SQL statement."""

    def authenticate_credentials(self, key):
        with connection.cursor() as cursor:
            execute_prepared(cursor, name="api_token_user", sql=_sql(), params=[key])
            row = cursor.fetchone()
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        created, *values = convert_row(row, [Token._meta.get_field("created"), *_user_fields()])
        if is_expired(created):
            Token.objects.filter(key=key).delete()
            raise exceptions.AuthenticationFailed(_("Token has expired; sign in again."))
        user = User.from_db(connection.alias, None, values)
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token.from_db(connection.alias, None, [key, user.pk, created])
        token._state.fields_cache["user"] = user
        return user, token
