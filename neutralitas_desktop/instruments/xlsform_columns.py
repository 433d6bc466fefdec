"""XLSForm names shared by the importer and the exporter: columns, types, languages.

XLSForm has grown many spellings for the same thing (``list name`` / ``list_name``,
``requiredMsg`` / ``required_message``, ``select one from X`` / ``select_one X``); this
module is the one place that knows them, so that what the importer accepts and what the
exporter writes cannot drift apart.
"""

from __future__ import annotations

import re

# ---- languages ----------------------------------------------------------------------

# Language names as form authors write them in ``label::English`` -> language code.
LANGUAGE_NAMES: dict[str, str] = {
    "indonesian": "id",
    "bahasa indonesia": "id",
    "indonesia": "id",
    "english": "en",
    "javanese": "jv",
    "sundanese": "su",
    "balinese": "ban",
    "madurese": "mad",
    "minangkabau": "min",
    "acehnese": "ace",
    "buginese": "bug",
    "malay": "ms",
    "tetum": "tet",
    "tagalog": "tl",
    "filipino": "fil",
    "thai": "th",
    "vietnamese": "vi",
    "khmer": "km",
    "burmese": "my",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "hindi": "hi",
    "bengali": "bn",
    "urdu": "ur",
    "nepali": "ne",
    "arabic": "ar",
    "persian": "fa",
    "turkish": "tr",
    "french": "fr",
    "spanish": "es",
    "portuguese": "pt",
    "german": "de",
    "dutch": "nl",
    "italian": "it",
    "russian": "ru",
    "swahili": "sw",
    "amharic": "am",
    "hausa": "ha",
    "yoruba": "yo",
    "somali": "so",
}
# Code -> the name written in exported headers ("label::Indonesian (id)").
LANGUAGE_DISPLAY: dict[str, str] = {}
for _name, _code in LANGUAGE_NAMES.items():
    LANGUAGE_DISPLAY.setdefault(_code, _name.title())

_CODE_IN_PARENS = re.compile(r"^(.*?)\s*\(\s*([^()]+?)\s*\)\s*$")
_SHORT_CODE = re.compile(r"^[a-z]{2,3}$")
_CODE_LIKE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def language_code(text: str) -> str:
    """The code of a language as written in a header or in ``default_language``.

    "English (en)" -> "en", "English" -> "en", "EN" -> "en", "Klingon" -> "klingon".
    """
    text = " ".join(str(text).split())
    match = _CODE_IN_PARENS.match(text)
    if match and match.group(2).lower() == "und" and match.group(1).strip():
        return language_code(match.group(1))
    if match:
        return match.group(2).lower()
    lowered = text.lower()
    if lowered in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[lowered]
    if _CODE_LIKE.match(text):
        return lowered.replace("_", "-")
    slug = re.sub(r"[^\w]+", "-", lowered, flags=re.UNICODE).strip("-")
    return slug or "und"


def language_header(code: str) -> str:
    """How a language is written in exported headers: "Indonesian (id)". A language the
    form named without a code ("bahasa") gets the code ``und`` (undetermined), which
    pyxform accepts; the import reads "bahasa (und)" back as "bahasa"."""
    if _SHORT_CODE.match(code):
        return f"{LANGUAGE_DISPLAY.get(code, code)} ({code})"
    return f"{code} (und)"


# ---- headers --------------------------------------------------------------------------


def header_key(text: str) -> str:
    """Case-, space- and underscore-insensitive form of a header ("List Name" -> "list_name")."""
    return re.sub(r"[\s_]+", "_", str(text).strip().lower())


# Survey columns: header key -> field of the model (or of this importer).
SURVEY_COLUMNS: dict[str, str] = {
    "type": "type",
    "command": "type",
    "name": "name",
    "tag": "name",
    "value": "name",
    "label": "label",
    "caption": "label",
    "hint": "hint",
    "required": "required",
    "required_message": "required_message",
    "requiredmsg": "required_message",
    "jr:requiredmsg": "required_message",
    "relevant": "relevant",
    "relevance": "relevant",
    "constraint": "constraint",
    "constraint_message": "constraint_message",
    "constraintmsg": "constraint_message",
    "jr:constraintmsg": "constraint_message",
    "constraining_message": "constraint_message",
    "calculation": "calculation",
    "calculate": "calculation",
    "default": "default",
    "read_only": "read_only",
    "readonly": "read_only",
    "appearance": "appearance",
    "choice_filter": "choice_filter",
    "repeat_count": "repeat_count",
    "jr:count": "repeat_count",
    "count": "repeat_count",
    "parameters": "parameters",
    "theme": "theme",
    "stance": "stance",
    "trigger": "trigger",
}
# Columns whose cells are text shown to people and may be given per language.
TRANSLATABLE: frozenset[str] = frozenset(
    {"label", "hint", "required_message", "constraint_message", "guidance_hint"}
)
# Media columns: ODK shows pictures, sounds and videos; this app does not import them.
MEDIA_COLUMNS: frozenset[str] = frozenset(
    {"image", "big-image", "audio", "video", "image-description", "media"}
)
# Columns ODK uses that have no meaning here; read without complaint.
QUIET_COLUMNS: frozenset[str] = frozenset({"list_name", "list name", "sms_field", "note"})
# Prefixes of ODK attribute columns (``bind::jr:preload``, ``body::accuracyThreshold``…).
ATTRIBUTE_PREFIXES: tuple[str, ...] = ("bind", "body", "control", "instance")

CHOICES_COLUMNS: dict[str, str] = {
    "list_name": "list_name",
    "name": "name",
    "value": "name",
    "label": "label",
    "caption": "label",
}

SETTINGS_COLUMNS: dict[str, str] = {
    "form_title": "title",
    "title": "title",
    "set_form_title": "title",
    "form_id": "id",
    "id_string": "id",
    "set_form_id": "id",
    "version": "version",
    "default_language": "default_language",
    "source_type": "source_type",
    "roles": "roles",
    "form_description": "description",
    "description": "description",
    "allow_choice_duplicates": "allow_choice_duplicates",
}
# ODK settings the app does not use but keeps, so an exported form behaves as imported.
CARRIED_SETTINGS: tuple[str, ...] = (
    "instance_name", "public_key", "submission_url", "clean_text_values", "style",
    "auto_send", "auto_delete", "namespaces", "xml_root", "omit_instanceID",
    "instance_xmlns", "flat", "compact_prefix", "compact_delimiter",
)  # fmt: skip
# Exported settings columns for titles and descriptions in other languages.
TITLE_PREFIX = "form_title_"
DESCRIPTION_PREFIX = "form_description_"

YES_WORDS = frozenset({"yes", "true", "true()", "1", "y", "ya"})
NO_WORDS = frozenset({"no", "false", "false()", "0", "n", "tidak", ""})

# ---- types ----------------------------------------------------------------------------

# XLSForm question types (and their legacy spellings) -> question type of the model.
SIMPLE_TYPES: dict[str, str] = {
    "text": "text",
    "string": "text",
    "add text prompt": "text",
    "phone number": "text",
    "add phone number prompt": "text",
    "integer": "integer",
    "int": "integer",
    "add integer prompt": "integer",
    "decimal": "decimal",
    "add decimal prompt": "decimal",
    "range": "range",
    "date": "date",
    "add date prompt": "date",
    "time": "time",
    "add time prompt": "time",
    "datetime": "datetime",
    "date time": "datetime",
    "add datetime prompt": "datetime",
    "add date time prompt": "datetime",
    "note": "note",
    "add note prompt": "note",
    "acknowledge": "acknowledge",
    "trigger": "acknowledge",
    "add acknowledge prompt": "acknowledge",
    "calculate": "calculate",
    "image": "image",
    "photo": "image",
    "add image prompt": "image",
    "add photo prompt": "image",
    "file": "file",
    "add file prompt": "file",
}
# ``phone number`` is a text question that accepts digits only.
PHONE_NUMBER_TYPES = frozenset({"phone number", "add phone number prompt"})
PHONE_NUMBER_CONSTRAINT = "regex(., '^[0-9+ ]*$')"

# Metadata the phone records by itself; sessions here record their own time and device.
METADATA_TYPES: frozenset[str] = frozenset(
    {
        "start", "end", "today", "deviceid", "imei", "subscriberid", "simserial",
        "phonenumber", "username", "email", "audit", "start-geopoint", "background-audio",
        "background-geopoint",
        "uri:deviceid", "uri:subscriberid", "uri:simserial", "uri:phonenumber",
        "uri:username", "uri:email", "instanceid",
    }
)  # fmt: skip

# Types this app cannot represent: type -> (what --lenient makes of it, why not).
UNSUPPORTED_TYPES: dict[str, tuple[str, str]] = {
    "geopoint": ("text", "this app has no GPS or map"),
    "geotrace": ("text", "this app has no GPS or map"),
    "geoshape": ("text", "this app has no GPS or map"),
    "location": ("text", "this app has no GPS or map"),
    "gps": ("text", "this app has no GPS or map"),
    "add location prompt": ("text", "this app has no GPS or map"),
    "barcode": ("text", "this app cannot scan barcodes"),
    "add barcode prompt": ("text", "this app cannot scan barcodes"),
    "osm": ("text", "this app has no map"),
    "audio": ("file", "this app does not record sound"),
    "add audio prompt": ("file", "this app does not record sound"),
    "video": ("file", "this app does not record video"),
    "add video prompt": ("file", "this app does not record video"),
    "hidden": ("text", "hidden questions are not supported"),
    "xml-external": ("drop", "external data files are not supported"),
    "csv-external": ("drop", "external data files are not supported"),
    "include": ("note", "including another form is not supported"),
}

# Select types: spelling -> (base type, whether the choices come from elsewhere).
SELECT_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("select_one_from_file", "select_one_from_file"),
    ("select one from file", "select_one_from_file"),
    ("select_multiple_from_file", "select_multiple_from_file"),
    ("select multiple from file", "select_multiple_from_file"),
    ("select_one_external", "select_one_external"),
    ("add select one prompt using", "select_one"),
    ("add select multiple prompt using", "select_multiple"),
    ("select all that apply from", "select_multiple"),
    ("select all that apply", "select_multiple"),
    ("select multiple from", "select_multiple"),
    ("select_multiple", "select_multiple"),
    ("select multiple", "select_multiple"),
    ("select one from", "select_one"),
    ("select_one", "select_one"),
    ("select one", "select_one"),
    ("select1", "select_one"),
    ("rank", "rank"),
)
EXTERNAL_SELECTS: dict[str, str] = {
    "select_one_from_file": "takes its choices from an external file",
    "select_multiple_from_file": "takes its choices from an external file",
    "select_one_external": "takes its choices from the external_choices sheet",
    "rank": "asks to rank choices, which this app cannot do",
}
OTHER_SUFFIXES: tuple[str, ...] = ("or_other", "or specify other", "or other")


# Generated choice lists for the built-in choices of yes_no_na and consent questions.
BUILTIN_LIST_NAME = re.compile(r"^(yes_no_na|consent)(?:_\d+)?$")
