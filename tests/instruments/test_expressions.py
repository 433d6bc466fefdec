"""Tests for the XLSForm/ODK expression language (parser, printer, evaluator, checks)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.instruments.xpath import (
    KNOWN_FUNCTIONS,
    BinOp,
    Call,
    Current,
    EvalContext,
    Expr,
    ExpressionError,
    ExpressionProblem,
    Neg,
    Num,
    Parent,
    Ref,
    Str,
    check,
    evaluate,
    functions_used,
    parse,
    references,
    rename_references,
    to_number,
    to_source,
    to_string,
    truthy,
)

TODAY = date(2024, 10, 1)


def run(text: str, current: object = None, position: int = 1, **answers: Any) -> Any:
    """Evaluate ``text`` with keyword answers (``None`` or missing means unanswered)."""
    context = EvalContext(lookup=answers.get, current=current, position=position, today=TODAY)
    return evaluate(text, context)


def parse_error(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    return caught.value


# --------------------------------------------------------------------------- parsing


def test_precedence_follows_xpath() -> None:
    tree = parse("1 or 2 and 3 = 4 < 5 + 6 * -7")
    expected = BinOp(
        "or",
        Num(1.0),
        BinOp(
            "and",
            Num(2.0),
            BinOp(
                "=",
                Num(3.0),
                BinOp(
                    "<",
                    Num(4.0),
                    BinOp("+", Num(5.0), BinOp("*", Num(6.0), Neg(Num(7.0)))),
                ),
            ),
        ),
    )
    assert tree == expected


def test_binary_operators_are_left_associative() -> None:
    assert parse("8 - 4 - 2") == BinOp("-", BinOp("-", Num(8.0), Num(4.0)), Num(2.0))
    assert run("8 - 4 - 2") == 2.0
    assert run("16 div 4 div 2") == 2.0
    assert run("2 * 3 mod 4") == 2.0


def test_parentheses_override_precedence() -> None:
    assert run("(1 + 2) * 3") == 9.0
    assert run("1 + 2 * 3") == 7.0
    assert run("-(2 + 3)") == -5.0
    assert run("- -2") == 2.0
    assert run("--2") == 2.0


def test_atoms() -> None:
    assert parse("${first_name}") == Ref("first_name")
    assert parse(".") == Current()
    assert parse("position(..)") == Call("position", (Parent(),))
    assert parse("'it'") == Str("it")
    assert parse('"it\'s"') == Str("it's")
    assert parse("3.25") == Num(3.25)
    assert parse(".5") == Num(0.5)
    assert parse("7.") == Num(7.0)


def test_typographic_quotes_delimit_strings() -> None:
    assert parse("${q} = ‘yes’") == BinOp("=", Ref("q"), Str("yes"))
    assert parse("“a b”") == Str("a b")
    assert parse("'it’s'") == Str("it’s")


def test_function_names_with_dashes_and_colons() -> None:
    assert parse("count-selected(${m})") == Call("count-selected", (Ref("m"),))
    assert parse("jr:choice-name(${q}, '${q}')") == Call("jr:choice-name", (Ref("q"), Str("${q}")))
    # A '-' only continues a name before a letter, so "div-3" is an operator then -3.
    assert run("9 div-3") == -3.0


def test_keyword_operators_need_no_spaces_around_references() -> None:
    assert run("${a}div 2", a=8) == 4.0
    assert run("${a}mod${b}", a=7, b=4) == 3.0


def test_positions_are_kept_but_not_compared() -> None:
    tree = parse("  ${a} + concat(1)")
    assert isinstance(tree, BinOp)
    assert tree.pos == 7
    assert tree.left.pos == 2
    assert tree.right.pos == 9
    assert tree == parse("${a}+concat(1)")


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("${a} > (3 + 4", "expected ')'", 13),
        ("${a} >> 3", "unexpected '>'", 6),
        ("'abc", "unterminated string", 0),
        ("${a} = 'abc", "unterminated string", 7),
        ("${}", "empty reference '${}'", 0),
        ("1 + ${}", "empty reference '${}'", 4),
        ("${a", "unterminated reference", 0),
        ("${a b}", "invalid question name 'a b' in reference", 0),
        ("${a} 3", "unexpected '3'", 5),
        ("${a} = 1)", "unexpected ')'", 8),
        ("", "empty expression", 0),
        ("   ", "empty expression", 0),
        ("1 +", "expected an expression", 3),
        ("concat(${a} ${b})", "expected ',' or ')' but found '${b}'", 12),
        ("concat(${a}", "expected ',' or ')'", 11),
        ("(1 2)", "expected ')' but found '2'", 3),
        ("f(,)", "unexpected ','", 2),
        ("and 1", "unexpected operator 'and'", 0),
        ("${a} = true", "unexpected name 'true' (write true())", 7),
        ("age > 3", "unexpected name 'age' (write ${age} to refer to a question)", 0),
        ("..", "'..' is only supported as a function argument, as in position(..)", 0),
        ("1 # 2", "unexpected character '#'", 2),
        ("$age", "unexpected character '$' (references are written ${name})", 0),
        ("/data/age", "unexpected character '/' (paths are not supported; use ${name})", 0),
        ("${a} ! 1", "unexpected character '!' (use != or not())", 5),
    ],
)
def test_syntax_errors_name_the_position(text: str, message: str, position: int) -> None:
    error = parse_error(text)
    assert error.message == message
    assert error.position == position
    assert error.text == text
    assert str(error) == f"{message} at position {position} in '{text}'"
    assert isinstance(error, NeutralitasError)


def test_error_message_format_matches_the_documented_example() -> None:
    assert str(parse_error("${a} > (3 + 4")) == "expected ')' at position 13 in '${a} > (3 + 4'"


def test_deep_nesting_is_an_expression_error_not_a_crash() -> None:
    assert parse_error("(" * 500 + "1" + ")" * 500).message.startswith(
        "expression nested too deeply"
    )
    assert parse_error("+".join(["1"] * 600)).message.startswith("expression nested too deeply")
    assert run("-" * 100 + "1") == 1.0
    assert run(" + ".join(["1"] * 200)) == 200.0


def test_parse_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        parse(3)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- analysis


def test_references_include_string_literals() -> None:
    assert references("selected(${fruits}, 'apple') and ${age} >= 18") == {"fruits", "age"}
    assert references("jr:choice-name(${q}, '${q}')") == {"q"}
    assert references(parse("concat('${a} ${b}', ${c})")) == {"a", "b", "c"}
    assert references(". > 0") == set()


def test_functions_used() -> None:
    assert functions_used("if(${a} = 'yes', pulldata('x'), count-selected(${m}))") == {
        "if",
        "pulldata",
        "count-selected",
    }
    assert functions_used(parse("1 + 2")) == set()


def test_rename_references_preserves_all_other_text() -> None:
    text = "if(${a}='x',  ${ab} , '${a}')  + ${a_b}"
    assert rename_references(text, {"a": "renamed"}) == (
        "if(${renamed}='x',  ${ab} , '${renamed}')  + ${a_b}"
    )
    assert rename_references(text, {}) == text
    # Works on text that does not parse, so a half-written form survives a rename.
    assert rename_references("${a} >> (", {"a": "b"}) == "${b} >> ("


def test_check_returns_nothing_for_valid_expressions() -> None:
    assert check("selected(${fruits}, 'apple') and ${age} >= 18") == []
    assert check("position(..) = 1") == []


def test_check_reports_syntax_error_with_position() -> None:
    assert check("${a} > (3 + 4") == [ExpressionProblem("expected ')' at position 13", 13)]


def test_check_reports_every_unknown_function_and_bad_arity() -> None:
    problems = check("pulldata('f', 'c', 'k', ${x}) + if(1) + xyz(position(${a}), ..)")
    assert problems == [
        ExpressionProblem("unknown function 'pulldata' at position 0", 0),
        ExpressionProblem("function 'if' takes 3 arguments, got 1 at position 32", 32),
        ExpressionProblem("unknown function 'xyz' at position 40", 40),
        ExpressionProblem("position() only accepts '..' as its argument at position 53", 53),
    ]
    assert check("concat(..)") == [
        ExpressionProblem("'..' is only supported as the argument of position() at position 7", 7)
    ]
    assert check("round()") == [
        ExpressionProblem("function 'round' takes 1 to 2 arguments, got 0 at position 0", 0)
    ]
    assert check("not(1, 2)") == [
        ExpressionProblem("function 'not' takes 1 argument, got 2 at position 0", 0)
    ]
    assert check("min()") == [
        ExpressionProblem("function 'min' takes at least 1 argument, got 0 at position 0", 0)
    ]


def test_check_reports_invalid_regular_expression_literals() -> None:
    [problem] = check("regex(., '[0-9')")
    assert problem.position == 0
    assert problem.message.startswith("invalid regular expression '[0-9': ")


def test_known_functions() -> None:
    expected = {
        "selected",
        "count-selected",
        "selected-at",
        "string-length",
        "if",
        "coalesce",
        "today",
        "now",
        "regex",
        "concat",
        "contains",
        "starts-with",
        "ends-with",
        "substr",
        "substring-before",
        "substring-after",
        "normalize-space",
        "number",
        "int",
        "round",
        "string",
        "boolean",
        "not",
        "true",
        "false",
        "sum",
        "count",
        "min",
        "max",
        "pow",
        "date",
        "decimal-date-time",
        "format-date",
        "position",
        "once",
        "uuid",
        "jr:choice-name",
    }
    assert expected <= KNOWN_FUNCTIONS
    assert isinstance(KNOWN_FUNCTIONS, frozenset)
    assert "pulldata" not in KNOWN_FUNCTIONS


# --------------------------------------------------------------------------- coercions


def test_unanswered_references_are_empty_strings() -> None:
    assert run("${a}") == ""
    assert run("${a}", a="") == ""
    assert run("${a} = ''") is True
    assert run("${a} = ${b}") is True
    assert run("${a} != ''") is False
    assert run("${a} > 5") is False
    assert run("${a} < 5") is False
    assert run("${a} = 5") is False
    assert run("${a} != 5") is True
    assert math.isnan(run("${a} + 1"))


def test_string_number_comparisons_convert_the_string() -> None:
    assert run("${a} = 5", a="5") is True
    assert run("${a} = 5", a=" 5.0 ") is True
    assert run("${a} > 5", a="10") is True
    assert run("${a} = '5'", a=5) is True
    assert run("${a} = '05'", a="5") is False  # two strings compare as strings
    assert run("${a} != ''", a=0) is True
    assert run("'abc' < 5") is False
    assert run("'10' > '9'") is True  # relational operators always compare numbers


def test_booleans_compare_as_booleans() -> None:
    assert run("true() = 'x'") is True
    assert run("false() = ''") is True
    assert run("true() = 0") is False
    assert run("true() > false()") is True


def test_number_to_string_prints_like_odk() -> None:
    assert run("string(3)") == "3"
    assert run("string(1 div 4)") == "0.25"
    assert run("string(-0.5 * 0)") == "0"
    assert run("string(1 div 0)") == "Infinity"
    assert run("string(-1 div 0)") == "-Infinity"
    assert run("string(0 div 0)") == "NaN"
    assert run("string(0.0000001)") == "0.0000001"
    assert run("concat(${n}, '')", n=12) == "12"
    assert to_string(2.0) == "2"
    assert to_string(date(2024, 1, 5)) == "2024-01-05"
    assert to_string(datetime(2024, 1, 5, 9, 30)) == "2024-01-05T09:30:00.000"
    assert to_string(None) == ""
    assert to_string(True) == "true"


def test_to_number() -> None:
    assert to_number("12") == 12.0
    assert to_number(" -1.5 ") == -1.5
    assert math.isnan(to_number(""))
    assert math.isnan(to_number("1e3"))  # XPath numbers have no exponent
    assert math.isnan(to_number("+1"))
    assert to_number(True) == 1.0
    assert to_number("1970-01-11") == 10.0


def test_truthy_is_xpath_boolean() -> None:
    assert truthy("") is False
    assert truthy("false") is True
    assert truthy(0.0) is False
    assert truthy(math.nan) is False
    assert truthy(-1.0) is True
    assert truthy(None) is False
    assert truthy([]) is False
    assert truthy(["a"]) is True
    assert truthy(date(2024, 1, 1)) is True
    assert truthy(3) is True


def test_arithmetic_and_division_by_zero() -> None:
    assert run("7 div 2") == 3.5
    assert run("7 mod 3") == 1.0
    assert run("-7 mod 3") == -1.0  # XPath mod truncates like fmod
    assert run("1 div 0") == math.inf
    assert run("-1 div 0") == -math.inf
    assert math.isnan(run("0 div 0"))
    assert math.isnan(run("5 mod 0"))
    assert run("'3' * '4'") == 12.0
    assert run("true() + 1") == 2.0


def test_and_or_short_circuit() -> None:
    assert run("false() and foo()") is False
    assert run("true() or foo()") is True
    with pytest.raises(ExpressionError, match="unknown function 'foo'"):
        run("true() and foo()")


def test_current_value() -> None:
    assert run(". > 0 and . < 120", current=35) is True
    assert run(". > 0 and . < 120", current="150") is False
    assert run(". > 0 and . < 120", current=None) is False
    assert run(".", current=None) == ""


# --------------------------------------------------------------------------- dates


def test_dates_compare_as_dates() -> None:
    assert run("${d} > today()", d="2024-11-01") is True
    assert run("${d} > today()", d=date(2024, 9, 1)) is False
    assert run("${d} = today()", d="2024-10-01") is True
    assert run("${d} = '2024-10-01'", d=date(2024, 10, 1)) is True
    assert run("${d} < ${e}", d="2024-01-31", e="2024-02-01") is True
    assert run("${d} > today()", d="") is False
    assert run("${d} <= now()", d=datetime(2024, 9, 30, 23, 0)) is True


def test_date_arithmetic_counts_days() -> None:
    assert run("today() - ${dob}", dob=date(2024, 9, 1)) == 30.0
    assert run("date(today() + 7)") == date(2024, 10, 8)
    assert run("${d} - 1", d="1970-01-03") == 1.0
    assert run("int((today() - ${dob}) div 365.25)", dob="2000-06-15") == 24.0


def test_date_function() -> None:
    assert run("date('2024-02-29')") == date(2024, 2, 29)
    assert run("date(0)") == date(1970, 1, 1)
    assert run("date(1.5)") == datetime(1970, 1, 2, 12, 0)
    assert run("date(${d})") == ""
    assert run("date('2024-02-29T10:15:00.000+07:00')") == datetime.fromisoformat(
        "2024-02-29T10:15:00+07:00"
    )
    assert run("decimal-date-time('1970-01-02T12:00:00')") == 1.5
    assert run("decimal-date-time(date(10))") == 10.0
    assert math.isnan(run("decimal-date-time('')"))


def test_today_and_now() -> None:
    assert run("today()") == TODAY
    assert run("now()") == datetime(2024, 10, 1)
    fixed = datetime(2024, 10, 1, 14, 5, 9)
    context = EvalContext(lookup=lambda name: None, today=fixed)
    assert evaluate("now()", context) == fixed
    assert evaluate("today()", context) == date(2024, 10, 1)
    live = EvalContext(lookup=lambda name: None)
    assert evaluate("today()", live) in {date.today(), date.today() - timedelta(days=1)}
    assert isinstance(evaluate("now()", live), datetime)


def test_format_date() -> None:
    assert run("format-date(today(), '%Y-%m-%d')") == "2024-10-01"
    assert run("format-date(${d}, '%e %b %Y (%a)')", d="2024-03-05") == "5 Mar 2024 (Tue)"
    moment = datetime(2024, 3, 5, 7, 8, 9, 120000)
    assert run("format-date(${d}, '%H:%M:%S.%3 %y/%n %h %%')", d=moment) == (
        "07:08:09.120 24/3 7 %%"
    )
    assert run("format-date(${d}, '%Y')", d="") == ""
    assert run("format-date-time(now(), '%Y %H')") == "2024 00"


def test_invalid_date_is_an_expression_error_with_position() -> None:
    with pytest.raises(ExpressionError) as caught:
        run("1 + date(${d})", d="not a date")
    assert caught.value.message == "cannot convert 'not a date' to a date"
    assert caught.value.position == 4
    assert caught.value.text == "1 + date(${d})"


# --------------------------------------------------------------------------- functions


def test_selected_functions() -> None:
    assert run("selected('a b c', 'b')") is True
    assert run("selected('a b c', 'd')") is False
    assert run("selected(${m}, ' b ')", m="a b") is True
    assert run("selected(${m}, 'a')") is False
    assert run("count-selected('a b')") == 2.0
    assert run("count-selected(${m})") == 0.0
    assert run("selected-at('a b c', 1)") == "b"
    assert run("selected-at('a b c', 3)") == ""
    assert run("selected-at('a b c', -1)") == ""
    assert run("selected(${m}, 'b')", m=["a", "b"]) is True


def test_string_functions() -> None:
    assert run("string-length('héllo')") == 5.0
    assert run("string-length(.)", current="abc") == 3.0
    assert run("string-length()", current="ab") == 2.0
    assert run("concat('a', 1, ' ', true())") == "a1 true"
    assert run("concat()") == ""
    assert run("contains('banana', 'nan')") is True
    assert run("starts-with('banana', 'ban')") is True
    assert run("ends-with('banana', 'na')") is True
    assert run("ends-with('banana', 'x')") is False
    assert run("substr('abcdef', 2)") == "cdef"
    assert run("substr('abcdef', 1, 3)") == "bc"
    assert run("substr('abcdef', -2, 100)") == "abcdef"
    assert run("substring-before('2024-10-01', '-')") == "2024"
    assert run("substring-before('abc', 'x')") == ""
    assert run("substring-after('2024-10-01', '-')") == "10-01"
    assert run("substring-after('abc', '')") == "abc"
    assert run("normalize-space('  a \t b  ')") == "a b"
    assert run("string(12)") == "12"


def test_regex_searches_anywhere() -> None:
    assert run(r"regex(., '^\d{4}$')", current="2024") is True
    assert run(r"regex(., '^\d{4}$')", current="20245") is False
    assert run("regex('abc123', '[0-9]')") is True
    with pytest.raises(ExpressionError, match=r"invalid regular expression '\['"):
        run("regex(., ${p})", p="[")


def test_numeric_functions() -> None:
    assert run("number('4.5')") == 4.5
    assert math.isnan(run("number('x')"))
    assert run("number()", current="3") == 3.0
    assert run("int(3.9)") == 3.0
    assert run("int(-3.9)") == -3.0
    assert math.isnan(run("int('')"))
    assert run("round(2.5)") == 3.0
    assert run("round(-2.5)") == -3.0
    assert run("round(2.675, 2)") == 2.68
    assert run("round(1234.5, -2)") == 1200.0
    assert run("round(1.5, 400)") == 1.5  # 10**400 is past the largest float
    assert run("pow(2, 10)") == 1024.0
    assert math.isnan(run("pow(-8, 0.5)"))
    assert run("pow(10, 400)") == math.inf
    assert run("min(3, 1, 2)") == 1.0
    assert run("max(3, '7', 2)") == 7.0
    assert math.isnan(run("max(3, '')"))


def test_boolean_functions() -> None:
    assert run("boolean('x')") is True
    assert run("boolean(0)") is False
    assert run("not(0)") is True
    assert run("true()") is True
    assert run("false()") is False


def test_if_evaluates_only_the_chosen_branch() -> None:
    assert run("if(${a} = 'yes', 1, 0)", a="yes") == 1.0
    assert run("if(${a} = 'yes', 1, 0)") == 0.0
    assert run("if(true(), 'ok', foo())") == "ok"


def test_coalesce_and_once() -> None:
    assert run("coalesce(${a}, ${b})", b="fallback") == "fallback"
    assert run("coalesce(${a}, ${b})", a="first", b="fallback") == "first"
    assert run("once(concat('x', 'y'))", current="") == "xy"
    assert run("once(concat('x', 'y'))", current="kept") == "kept"


def test_repeat_aggregates_take_lists() -> None:
    assert run("sum(${score})", score=[1, 2, "3.5"]) == 6.5
    assert run("sum(${score})", score=[]) == 0.0
    assert run("sum(${score})", score=4) == 4.0
    assert run("count(${score})", score=[1, 2, 3]) == 3.0
    assert run("count(${score})", score=[]) == 0.0
    assert run("count(${score})", score="x") == 1.0
    assert run("max(${score})", score=[1, 9, 3]) == 9.0
    assert run("min(${score}, 0)", score=[1, 9, 3]) == 0.0
    assert run("${score} = 9", score=[1, 9]) is True  # node-set: any value matches
    assert run("${score} > 8", score=[1, 9]) is True
    assert run("concat(${names})", names=["a", "b"]) == "ab"
    assert run("string(${names})", names=["a", "b"]) == "a"


def test_position_uses_the_context() -> None:
    assert run("position(..)", position=3) == 3.0
    assert run("position(..) = 1") is True
    assert run("position()", position=2) == 2.0


def test_uuid() -> None:
    value = run("uuid()")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", value)
    assert re.fullmatch(r"[A-Za-z0-9]{12}", run("uuid(12)"))
    assert run("uuid()") != value


def test_choice_name_uses_the_context_labels() -> None:
    assert run("jr:choice-name(${q}, '${q}')", q="yes") == "yes"
    labels = {("q", "yes"): "Yes, definitely"}
    context = EvalContext(
        lookup={"q": "yes", "r": "no"}.get,
        choice_label=lambda question, value: labels.get((question, value)),
    )
    assert evaluate("jr:choice-name(${q}, '${q}')", context) == "Yes, definitely"
    assert evaluate("jr:choice-name(${q}, '/data/q')", context) == "Yes, definitely"
    assert evaluate("jr:choice-name(${r}, '${r}')", context) == "no"


def test_evaluation_errors_carry_positions() -> None:
    with pytest.raises(ExpressionError) as caught:
        run("1 + pulldata('a', 'b')")
    assert str(caught.value) == (
        "unknown function 'pulldata' at position 4 in '1 + pulldata('a', 'b')'"
    )
    with pytest.raises(ExpressionError) as caught:
        run("if(1, 2)")
    assert caught.value.message == "function 'if' takes 3 arguments, got 2"
    with pytest.raises(ExpressionError) as caught:
        run("concat(..)")
    assert caught.value.position == 7
    with pytest.raises(ExpressionError, match="unsupported value"):
        run("${a}", a=object())


def test_hand_built_trees_evaluate() -> None:
    tree = BinOp("+", Ref("a"), Num(2.0))
    assert evaluate(tree, EvalContext(lookup={"a": 3}.get)) == 5.0
    with pytest.raises(ExpressionError) as caught:
        evaluate(Call("nope", ()), EvalContext(lookup=lambda name: None))
    assert caught.value.text == "nope()"


def test_parse_once_evaluate_many_times() -> None:
    tree = parse("selected(${fruits}, 'apple') and ${age} >= 18")
    answers: dict[str, object] = {"fruits": "apple pear", "age": 30}
    context = EvalContext(lookup=answers.get)
    assert evaluate(tree, context) is True
    answers["age"] = 12
    assert evaluate(tree, context) is False


# --------------------------------------------------------------------------- real forms

REAL_FORM_EXPRESSIONS: list[tuple[str, dict[str, Any], object, Any]] = [
    (
        "selected(${fruits}, 'apple') and ${age} >= 18",
        {"fruits": "pear apple", "age": 18},
        None,
        True,
    ),
    ("selected(${fruits}, 'apple') and ${age} >= 18", {"fruits": "apple"}, None, False),
    (". > 0 and . < 120", {}, 42, True),
    (r"regex(., '^\d{4}$')", {}, "1234", True),
    ("string-length(.) <= 140", {}, "x" * 141, False),
    ("if(${a} = 'yes', 1, 0) + ${b}", {"a": "yes", "b": 2}, None, 3.0),
    ("count-selected(${m}) >= 1", {"m": ""}, None, False),
    ("count-selected(${m}) >= 1", {"m": "x"}, None, True),
    ("${x} != ''", {"x": "hello"}, None, True),
    ("${x} != ''", {}, None, False),
    ("not(selected(${q}, 'na'))", {"q": "a na"}, None, False),
    ("jr:choice-name(${q}, '${q}')", {"q": "opt_2"}, None, "opt_2"),
    ("position(..) = 1", {}, None, True),
    ("concat(${a}, ' ', ${b})", {"a": "Budi", "b": "Santoso"}, None, "Budi Santoso"),
    ("format-date(today(), '%Y-%m-%d')", {}, None, "2024-10-01"),
    ("${q} = ‘yes’", {"q": "yes"}, None, True),
    ("${q} = “yes”", {"q": "no"}, None, False),
]


@pytest.mark.parametrize(("text", "answers", "current", "expected"), REAL_FORM_EXPRESSIONS)
def test_real_form_expressions(
    text: str, answers: dict[str, Any], current: object, expected: Any
) -> None:
    assert check(text) == []
    assert run(text, current=current, **answers) == expected
    assert parse(to_source(parse(text))) == parse(text)


# --------------------------------------------------------------------------- properties

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True)
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(float),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
    st.floats(min_value=0, max_value=1e-3, allow_nan=False, allow_infinity=False),
)
STRINGS = st.text(alphabet="ab ${}'\"’“x-é", max_size=8)
LEAVES = st.one_of(
    NUMBERS.map(Num),
    STRINGS.map(Str),
    NAMES.map(Ref),
    st.just(Current()),
)
OPERATORS = st.sampled_from(
    ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
)
FUNCTION_NAMES = st.sampled_from(sorted(KNOWN_FUNCTIONS | {"pulldata", "jr:other-name"}))


def _extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    return st.one_of(
        st.builds(BinOp, OPERATORS, children, children),
        st.builds(Neg, children),
        st.builds(
            Call,
            FUNCTION_NAMES,
            st.lists(st.one_of(children, st.just(Parent())), max_size=3).map(tuple),
        ),
    )


TREES = st.recursive(LEAVES, _extend, max_leaves=12)
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _printable(tree: Expr) -> bool:
    try:
        to_source(tree)
    except ValueError:
        return False
    return True


@PROPERTY_SETTINGS
@given(TREES)
def test_printed_trees_parse_back_to_the_same_tree(tree: Expr) -> None:
    assume(_printable(tree))
    assert parse(to_source(tree)) == tree


EXPRESSION_ALPHABET = "${}()'\",.-+*=<>!/ abcdimnorstv0123456789_:‘’“”\t"


@PROPERTY_SETTINGS
@given(st.one_of(st.text(alphabet=EXPRESSION_ALPHABET, max_size=40), st.text(max_size=30)))
def test_arbitrary_text_only_ever_raises_expression_error(text: str) -> None:
    try:
        tree = parse(text)
    except ExpressionError as error:
        assert 0 <= error.position <= len(text)
        assert check(text) == [
            ExpressionProblem(f"{error.message} at position {error.position}", error.position)
        ]
        return
    assert isinstance(tree, Expr)
    assert all(isinstance(problem, ExpressionProblem) for problem in check(text))
    if _printable(tree):
        assert parse(to_source(tree)) == tree


@PROPERTY_SETTINGS
@given(st.text(alphabet=EXPRESSION_ALPHABET + "é", max_size=60))
def test_identity_rename_returns_the_same_text(text: str) -> None:
    names = set(re.findall(r"\$\{([^}]*)\}", text))
    assert rename_references(text, {name: name for name in names}) == text
    assert rename_references(text, {}) == text


ANSWER_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", "3", "a b", "2024-11-01", "x", "-1.5"]),
    st.integers(min_value=-5, max_value=5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.lists(st.sampled_from(["1", "a", ""]), max_size=3),
)


@PROPERTY_SETTINGS
@given(TREES, ANSWER_VALUES, ANSWER_VALUES)
def test_evaluation_only_ever_raises_expression_error(
    tree: Expr, answer: object, current: object
) -> None:
    context = EvalContext(lookup=lambda name: answer, current=current, today=TODAY)
    try:
        value = evaluate(tree, context)
    except ExpressionError:
        return
    assert isinstance(value, str | float | bool | date | list)
    assert isinstance(to_string(value), str)


SMALL_NUMBERS = st.one_of(
    st.integers(min_value=1, max_value=50).map(float),
    st.floats(min_value=0.5, max_value=100, allow_nan=False, allow_infinity=False),
)
ARITHMETIC = st.recursive(
    SMALL_NUMBERS.map(Num),
    lambda children: st.one_of(
        st.builds(BinOp, st.sampled_from(["+", "-", "*", "div", "mod"]), children, children),
        st.builds(Neg, children),
    ),
    max_leaves=10,
)


class _ZeroDivisor(Exception):
    pass


def _python_value(tree: Expr) -> float:
    """Reference semantics written with Python's own operators."""
    if isinstance(tree, Num):
        return tree.value
    if isinstance(tree, Neg):
        return -_python_value(tree.operand)
    assert isinstance(tree, BinOp)
    x, y = _python_value(tree.left), _python_value(tree.right)
    if tree.op == "+":
        return x + y
    if tree.op == "-":
        return x - y
    if tree.op == "*":
        return x * y
    if y == 0:
        raise _ZeroDivisor
    return x / y if tree.op == "div" else math.fmod(x, y)


@PROPERTY_SETTINGS
@given(ARITHMETIC)
def test_arithmetic_matches_python(tree: Expr) -> None:
    try:
        expected = _python_value(tree)
    except _ZeroDivisor:
        assume(False)
    context = EvalContext(lookup=lambda name: None)
    for value in (evaluate(tree, context), evaluate(to_source(tree), context)):
        assert value == expected or (math.isnan(value) and math.isnan(expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sqrt(16)", 4.0),
        ("abs(-2.5)", 2.5),
        ("floor(2.7) + ceiling(2.1)", 5.0),
        ("round(pow(2, 10) div exp10(2), 2)", 10.24),
        ("round(atan2(1, 1) * 4, 5)", 3.14159),
        ("round(cos(pi()), 3)", -1.0),
        ("log10(1000)", 3.0),
    ],
)
def test_math_functions_as_odk(text: str, expected: float) -> None:
    assert evaluate(text, EvalContext(lookup=lambda name: "")) == expected


def test_math_outside_its_domain_is_nan() -> None:
    assert math.isnan(evaluate("sqrt(-1)", EvalContext(lookup=lambda name: "")))
