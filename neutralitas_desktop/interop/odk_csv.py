"""Reading the CSV files of ODK Central, Briefcase and KoboToolbox exports exactly.

These tools write RFC 4180: fields that hold a delimiter, a quote or a line break are
quoted, and a quote inside is doubled. ``csv.Sniffer`` guesses the quoting too, and on
ordinary text such as ``"Ia bilang: ""Saya, jujur"" "`` it guesses wrong and values shift
into the next column. So the quoting rules here are fixed; only the delimiter (comma or,
from a spreadsheet in an Indonesian or European locale, semicolon) is chosen, from the
header line. A row whose number of values differs from the header's is refused with its
file and row, never read shifted.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from neutralitas_desktop.errors import NeutralitasError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (BOM)"),
)


class RFC4180(csv.Dialect):
    """RFC 4180 with the delimiter left to the file: doubled quotes, quoted line breaks."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


@dataclass
class CsvText:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, values)
    encoding: str  # what was found, for the user ("UTF-8", "UTF-16 LE (BOM)", …)
    delimiter: str


def decode(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding found): a BOM decides; else UTF-8, UTF-16 without BOM (every other
    byte zero), then Windows-1252, the usual encoding of a CSV saved by Excel."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as exc:
                raise NeutralitasError(
                    f"{source}: starts with a {name} mark but is not {name[:6]} text "
                    f"(byte {exc.start + len(bom)})"
                ) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    head = data[:400]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        try:
            return data.decode("utf-16-le"), "UTF-16 LE (no BOM)"
        except UnicodeDecodeError:
            pass
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        try:
            return data.decode("utf-16-be"), "UTF-16 BE (no BOM)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise NeutralitasError(
            f"{source}: not text in UTF-8, UTF-16 or Windows-1252 (byte {exc.start}); "
            "save the file as CSV UTF-8"
        ) from None


def _delimiter(text: str) -> str:
    """Comma unless the header line has more semicolons than commas outside quotes."""
    counts = {",": 0, ";": 0}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    return ";" if counts[";"] > counts[","] else ","


def read_csv(data: bytes, source: str) -> CsvText:
    """Every record of the file, or NeutralitasError naming the file and the row."""
    text, encoding = decode(data, source)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), RFC4180, delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for record in reader:
            number += 1
            records.append((number, record))
    except csv.Error as exc:
        raise NeutralitasError(
            f"{source}, row {number + 1}: not valid CSV ({exc}; read as {encoding}, "
            f"delimiter '{delimiter}')"
        ) from None
    if not records:
        raise NeutralitasError(f"{source}: the file is empty")
    headers = [h.strip() for h in records[0][1]]
    rows: list[tuple[int, list[str]]] = []
    for row_number, record in records[1:]:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(headers):
            raise NeutralitasError(
                f"{source}, row {row_number}: {len(record)} values but {len(headers)} "
                f"columns in the header (read as {encoding}, delimiter '{delimiter}'); "
                "nothing was imported"
            )
        rows.append((row_number, record))
    return CsvText(headers, rows, encoding, delimiter)
