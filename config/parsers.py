"""The API's JSON parser: refuses, at the boundary, strings the database cannot store."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from config.params import ParamError, check_json_text


class StrictJSONParser(JSONParser):
    """JSON whose strings (keys included) contain no NUL character and no lone surrogate.

    PostgreSQL refuses NUL in text and jsonb, and a lone surrogate (valid JSON: "\\ud800") cannot
    be encoded as UTF-8; either used to reach the database and fail there with a 500. Refused
    here with 400 {"code", "field", "message_ko", "message_en"} for every API view.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            check_json_text(data, "")
        except ParamError as exc:
            raise ParseError(exc.as_dict()) from None
        return data
