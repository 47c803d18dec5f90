"""GNU line breaking for PO strings: libunistring's ``u8_width_linebreaks``.

``msgcat``/``msgmerge`` wrap strings with libunistring (UAX #14 line breaking
plus column widths). To write files that GNU tools leave byte-identical we
must break lines exactly where libunistring does, so this is a port of
libunistring 1.0 as shipped by Debian 12 (``ulc_width_linebreaks_v2``, which
gettext 0.21 calls): the algorithm of ``u8-possible-linebreaks.c`` and
``u8-width-linebreaks.c``, its 33x33 pair table (``lbrktables.c``) and its
Unicode 14 line breaking classes (``lbrkprop.h``).

The classes are stored as exceptions to a rule derived from ``unicodedata``
(which is Unicode 14 in Python 3.11, as is libunistring 1.0): the rule alone
gets most code points right, the 492 exception ranges make every code point
match the library (checked exhaustively when the tables were extracted, and
by ``tests/test_po_writer.py`` against the installed library). Classes are
stored already resolved the way libunistring resolves them for UTF-8 (AI, SA
and XX become AL, CB becomes ID1). Characters new in later Unicode versions
fall back to the rule, i.e. "a sensible class".

`possible_linebreaks` and `fit_linebreaks` are that algorithm, character by
character: the reference. `width_linebreaks` takes a fast path for "simple
text" (see `_SimpleText`), the prose of most PO files:
there a regular expression finds the break opportunities, and each line is
one match. Tests compare the two on random text, and with msgcat.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

# Break values, as libunistring's UC_BREAK_*.
BREAK_UNDEFINED = 0
BREAK_PROHIBITED = 1
BREAK_POSSIBLE = 2
BREAK_MANDATORY = 3
BREAK_CR_BEFORE_LF = 5

# Line breaking classes, numbered as libunistring's LBP_* (lbrktables.h):
# those below 33 index the pair table, the others are handled in code.
_NAMES = (
    "WJ", "GL", "B2", "BA", "BB", "HY", "CL", "CP1", "CP2", "EX", "IN", "NS", "OP1", "OP2",
    "QU", "IS", "NU", "PO", "PR", "SY", "AL", "H2", "H3", "ID1", "ID2", "JL", "JV", "JT", "HL",
    "RI", "ZWJ", "EB", "EM", "BK", "CR", "LF", "CM", "ZW", "SP",
)
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL,
 H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM, BK, CR, LF, CM, ZW, SP) = range(len(_NAMES))
_HL_BA = 100  # runtime only: Hebrew letter followed by a hyphen or BA (LB21a)

# unilbrk_table[before][after]: D = direct break, I = break only after spaces,
# P = prohibited (table 7.3 of UAX #14, as compiled into libunistring).
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)
_DIRECT, _INDIRECT, _PROHIBITED = "DIP"

# Code points whose class differs from _rule_class(): "first[..last] CLASS; ...".
_EXCEPTIONS = """
0009 BA; 000A LF; 000B..000C BK; 000D CR; 0020 SP; 0021 EX; 0022 QU; 0024 PR; 0025 PO; 0027
QU; 0029 CP1; 002B PR; 002C IS; 002D HY; 002E IS; 002F SY; 003A..003B IS; 003F EX; 005C PR;
005D CP1; 007C BA; 0085 BK; 00A0 GL; 00A1 OP1; 00A2 PO; 00A3..00A5 PR; 00AD BA; 00B0 PO;
00B1 PR; 00B4 BB; 00BF OP1; 02C8 BB; 02CC BB; 02DF BB; 034F GL; 035C..0362 GL; 037E IS; 0589
IS; 058A BA; 058F PR; 05BE BA; 05C6 EX; 05D0..05EA HL; 05EF..05F2 HL; 0600..0605 AL;
0609..060B PO; 060C..060D IS; 061B EX; 061D..061F EX; 066A PO; 066B..066C NU; 06D4 EX; 06DD
AL; 070F AL; 07F8 IS; 07F9 EX; 07FE..07FF PR; 0890..0891 AL; 08E2 AL; 0964..0965 BA;
09F2..09F3 PO; 09F9 PO; 09FB PR; 0AF1 PR; 0BF9 PR; 0C77 BB; 0C84 BB; 0D79 PO; 0E31 AL;
0E34..0E3A AL; 0E3F PR; 0E47..0E4E AL; 0E5A..0E5B BA; 0EB1 AL; 0EB4..0EBC AL; 0EC8..0ECD AL;
0F01..0F04 BB; 0F06..0F07 BB; 0F08 GL; 0F09..0F0A BB; 0F0B BA; 0F0C GL; 0F0D..0F11 EX; 0F12
GL; 0F14 EX; 0F34 BA; 0F7F BA; 0F85 BA; 0FBE..0FBF BA; 0FD0..0FD1 BB; 0FD2 BA; 0FD3 BB;
0FD9..0FDA GL; 102B..103E AL; 104A..104B BA; 1056..1059 AL; 105E..1060 AL; 1062..1064 AL;
1067..106D AL; 1071..1074 AL; 1082..108D AL; 108F AL; 109A..109D AL; 1100..115F JL;
1160..11A7 JV; 11A8..11FF JT; 1361 BA; 1400 BA; 16EB..16ED BA; 1735..1736 BA; 17B4..17D3 AL;
17D4..17D5 BA; 17D6 NS; 17D8 BA; 17DA BA; 17DB PR; 17DD AL; 1802..1803 EX; 1804..1805 BA;
1806 BB; 1808..1809 EX; 180E GL; 1944..1945 EX; 1A55..1A5E AL; 1A60..1A7C AL; 1B5A..1B5B BA;
1B5D..1B60 BA; 1B7D..1B7E BA; 1C3B..1C3F BA; 1C7E..1C7F BA; 1FFD BB; 2007 GL; 200B ZW; 200D
ZWJ; 2010 BA; 2011 GL; 2012..2013 BA; 2014 B2; 2024..2026 IN; 2027 BA; 2028..2029 BK; 202F
GL; 2030..2037 PO; 203C..203D NS; 2044 IS; 2047..2049 NS; 2056 BA; 2058..205B BA; 205D..205E
BA; 2060 WJ; 2061..2064 AL; 20A0..20A6 PR; 20A7 PO; 20A8..20B5 PR; 20B6 PO; 20B7..20BA PR;
20BB PO; 20BC..20BD PR; 20BE PO; 20BF PR; 20C0 PO; 20C1..20CF PR; 2103 PO; 2109 PO; 2116 PR;
2212..2213 PR; 22EF IN; 23E9..23EC AL; 23F1..23F2 ID1; 25FD..25FE AL; 2600..2603 ID1; 2618
ID1; 261A..261C ID1; 261D EB; 261E..261F ID1; 2639..263B ID1; 2648..2653 AL; 2668 ID1; 2693
AL; 26A1 AL; 26AA..26AB AL; 26BF..26C3 ID1; 26C6..26C8 ID1; 26CD ID1; 26CE AL; 26CF..26D1
ID1; 26D3 ID1; 26D8..26D9 ID1; 26DC ID1; 26DF..26E1 ID1; 26F1 ID1; 26F4 ID1; 26F7..26F8 ID1;
26F9 EB; 26FE..2704 ID1; 2705 AL; 2708..2709 ID1; 270A..270D EB; 2728 AL; 274C AL; 274E AL;
2753..2755 AL; 2757 AL; 275B..2760 QU; 2762..2763 EX; 2764 ID1; 2795..2797 AL; 27B0 AL; 27BF
AL; 2B1B..2B1C AL; 2B50 AL; 2B55 AL; 2CF9 EX; 2CFA..2CFC BA; 2CFE EX; 2CFF BA; 2D70 BA;
2E00..2E01 QU; 2E06..2E08 QU; 2E0B QU; 2E0E..2E15 BA; 2E17 BA; 2E18 OP1; 2E19 BA; 2E2A..2E2D
BA; 2E2E EX; 2E30..2E31 BA; 2E33..2E34 BA; 2E3A..2E3B B2; 2E3C..2E3E BA; 2E40..2E41 BA;
2E43..2E4A BA; 2E4C BA; 2E4E..2E4F BA; 2E53..2E54 EX; 2E5D BA; 3001..3002 CL; 3005 NS; 301C
NS; 3035 CM; 303B..303C NS; 303F ID1; 3041 NS; 3043 NS; 3045 NS; 3047 NS; 3049 NS; 3063 NS;
3083 NS; 3085 NS; 3087 NS; 308E NS; 3095..3096 NS; 309B..309E NS; 30A0..30A1 NS; 30A3 NS;
30A5 NS; 30A7 NS; 30A9 NS; 30C3 NS; 30E3 NS; 30E5 NS; 30E7 NS; 30EE NS; 30F5..30F6 NS;
30FB..30FE NS; 31F0..31FF NS; A015 NS; A4FE..A4FF BA; A60D BA; A60E EX; A60F BA; A6F3..A6F7
BA; A838 PO; A874..A875 BB; A876..A877 EX; A8CE..A8CF BA; A8FC BB; A92E..A92F BA; A960..A97C
JL; A9C7..A9C9 BA; A9E5 AL; AA5D..AA5F BA; AA7B..AA7D AL; AAB0 AL; AAB2..AAB4 AL; AAB7..AAB8
AL; AABE..AABF AL; AAC1 AL; AAF0..AAF1 BA; ABEB BA; D7B0..D7C6 JV; D7CB..D7FB JT; FA6E..FA6F
ID1; FADA..FAFF ID1; FB1D HL; FB1F..FB28 HL; FB2A..FB36 HL; FB38..FB3C HL; FB3E HL;
FB40..FB41 HL; FB43..FB44 HL; FB46..FB4F HL; FDFC PO; FE10 IS; FE11..FE12 CL; FE13..FE14 IS;
FE15..FE16 EX; FE19 IN; FE50 CL; FE52 CL; FE54..FE55 NS; FE56..FE57 EX; FE69 PR; FE6A PO;
FEFF WJ; FF01 EX; FF04 PR; FF05 PO; FF0C CL; FF0E CL; FF10..FF19 ID1; FF1A..FF1B NS; FF1F
EX; FF61 CL; FF62 OP2; FF64 CL; FF65 NS; FF66 ID1; FF67..FF70 NS; FF71..FF9D ID1; FF9E..FF9F
NS; FFA0..FFBE ID1; FFC2..FFC7 ID1; FFCA..FFCF ID1; FFD2..FFD7 ID1; FFDA..FFDC ID1; FFE0 PO;
FFE1 PR; FFE5..FFE6 PR; FFFC ID1; 10100..10102 BA; 1039F BA; 103D0 BA; 10857 BA; 1091F BA;
10A50..10A57 BA; 10AF0..10AF5 BA; 10AF6 IN; 10B39..10B3F BA; 10EAD BA; 11047..11048 BA;
110BD AL; 110BE..110C1 BA; 110CD AL; 11140..11143 BA; 11175 BB; 111C5..111C6 BA; 111C8 BA;
111DB BB; 111DD..111DF BA; 11238..11239 BA; 1123B..1123C BA; 112A9 BA; 1144B..1144E BA;
1145A..1145B BA; 115C1 BB; 115C2..115C3 BA; 115C4..115C5 EX; 115C9..115D7 BA; 11641..11642
BA; 11660..1166C BB; 1171D..1172B AL; 1173C..1173E BA; 11944..11946 BA; 119E2 BB; 11A3F BB;
11A41..11A44 BA; 11A45 BB; 11A9A..11A9C BA; 11A9E..11AA0 BB; 11AA1..11AA2 BA; 11C41..11C45
BA; 11C70 BB; 11C71 EX; 11FDD..11FE0 PO; 11FFF BA; 12470..12474 BA; 13258..1325A OP1;
1325B..1325D CL; 13282 CL; 13286 OP1; 13287 CL; 13288 OP1; 13289 CL; 13379 OP1; 1337A..1337B
CL; 13430..13436 GL; 13437 OP1; 13438 CL; 145CE OP1; 145CF CL; 16A6E..16A6F BA; 16AF5 BA;
16B37..16B39 BA; 16B44 BA; 16E97..16E98 BA; 16FE0..16FE3 NS; 16FE4 GL; 18B00..18CD5 AL;
1AFF0..1AFF3 AL; 1AFF5..1AFFB AL; 1AFFD..1AFFE AL; 1B150..1B152 NS; 1B164..1B167 NS; 1BC9F
BA; 1DA87..1DA8A BA; 1E2FF PR; 1E95E..1E95F OP1; 1ECAC PO; 1ECB0 PO; 1F110..1F16C AL;
1F170..1F1AC AL; 1F1E6..1F1FF RI; 1F385 EB; 1F39C..1F39D AL; 1F3B5..1F3B6 AL; 1F3BC AL;
1F3C2..1F3C4 EB; 1F3C7 EB; 1F3CA..1F3CC EB; 1F3FB..1F3FF EM; 1F442..1F443 EB; 1F446..1F450
EB; 1F466..1F478 EB; 1F47C EB; 1F481..1F483 EB; 1F485..1F487 EB; 1F48F EB; 1F491 EB; 1F4A0
AL; 1F4A2 AL; 1F4A4 AL; 1F4AA EB; 1F4AF AL; 1F4B1..1F4B2 AL; 1F500..1F506 AL; 1F517..1F524
AL; 1F532..1F549 AL; 1F574..1F575 EB; 1F57A EB; 1F590 EB; 1F595..1F596 EB; 1F5D4..1F5DB AL;
1F5F4..1F5F9 AL; 1F645..1F647 EB; 1F64B..1F64F EB; 1F650..1F675 AL; 1F676..1F678 QU;
1F679..1F67B NS; 1F67C..1F67F AL; 1F6A3 EB; 1F6B4..1F6B6 EB; 1F6C0 EB; 1F6CC EB;
1F700..1F773 AL; 1F780..1F7D4 AL; 1F800..1F80B AL; 1F810..1F847 AL; 1F850..1F859 AL;
1F860..1F887 AL; 1F890..1F8AD AL; 1F900..1F90B AL; 1F90C EB; 1F90F EB; 1F918..1F91F EB;
1F926 EB; 1F930..1F939 EB; 1F93C..1F93E EB; 1F977 EB; 1F9B5..1F9B6 EB; 1F9B8..1F9B9 EB;
1F9BB EB; 1F9CD..1F9CF EB; 1F9D1..1F9DD EB; 1FA00..1FA53 AL; 1FAC3..1FAC5 EB; 1FAF0..1FAF6
EB; 1FB93 AL; 1FBCB..1FBEF AL; 1FBFA..1FBFF AL; 2FFFE..2FFFF AL
"""

# Code points whose column width differs from _rule_width() (uniwidth/width.c).
_WIDTH_EXCEPTIONS = """
0CBF 1; 0CC6 1; 2E9A 2; 2EF4..2EFF 2; 2FD6..2FEF 2; 2FFC..2FFF 2; 3040 2; 3097..3098 2;
3100..3104 2; 3130 2; 318F 2; 31E4..31EF 2; 321F 2; A48D..A48F 2; A4C7..A4CF 2; D7C7..D7CA 1;
D7FC..D7FF 1; FA6E..FA6F 2; FADA..FAFF 2; FE1A..FE1F 2; FE53 2; FE67 2; FE6C..FE6F 2; FF00 2;
11A07..11A08 1; 11C3F 1; 1F203..1F20F 2; 1F23C..1F23F 2; 1F249..1F24F 2; 1F252..1F25F 2;
1F266..1F2FF 2; 3FFFE..3FFFF 2
"""


def _parse_ranges(text: str) -> tuple[list[int], list[int], list[str]]:
    """Parse ``first[..last] VALUE; …`` into parallel lists for bisection."""
    firsts: list[int] = []
    lasts: list[int] = []
    values: list[str] = []
    for item in text.split(";"):
        span, value = item.split()
        first, _, last = span.partition("..")
        firsts.append(int(first, 16))
        lasts.append(int(last or first, 16))
        values.append(value)
    return firsts, lasts, values


def _range_lookup(ranges: tuple[list[int], list[int], list[str]], code: int) -> str | None:
    firsts, lasts, values = ranges
    i = bisect_right(firsts, code) - 1
    if i >= 0 and code <= lasts[i]:
        return values[i]
    return None


_CLASS_RANGES = _parse_ranges(_EXCEPTIONS)
_WIDTH_RANGES = _parse_ranges(_WIDTH_EXCEPTIONS)
_CLASS_OF_NAME = {name: number for number, name in enumerate(_NAMES)}


def _rule_class(ch: str) -> int:
    """The class most code points of ``ch``'s general category have."""
    code = ord(ch)
    category = unicodedata.category(ch)
    if 0xAC00 <= code <= 0xD7A3:  # Hangul syllables: LV every 28th, else LVT
        return H2 if (code - 0xAC00) % 28 == 0 else H3
    if category in ("Mn", "Mc", "Me", "Cc", "Cf"):
        return CM
    if category == "Nd":
        return NU
    if category in ("Pi", "Pf"):
        return QU
    if category == "Cn":  # unassigned: emoji-to-be, CJK planes, else XX (= AL)
        if 0x1F000 <= code <= 0x1FFFD:
            return ID2
        return ID1 if 0x20000 <= code <= 0x3FFFD else AL
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    if category == "Ps":
        return OP2 if wide else OP1
    if category == "Pe":
        return CL
    if category == "Zs":
        return BA
    if wide or (category == "So" and 0x1F000 <= code <= 0x1FAFF):
        return ID1
    return AL


def _rule_width(ch: str) -> int:
    code = ord(ch)
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf", "Cc"):
        return 0  # libunistring says -1 for controls; widths ignore them
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:  # conjoining jamo
        return 0
    if category == "Cn":
        return 2 if 0x20000 <= code <= 0x3FFFD else 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _PerCharacter(dict[str, int]):
    """A property of characters, computed on first use and then cached.

    The algorithms look up every character; ``map(table.__getitem__, text)``
    on a dict is what keeps them fast.
    """

    def __init__(
        self,
        ranges: tuple[list[int], list[int], list[str]],
        rule: Callable[[str], int],
        convert: Callable[[str], int],
    ) -> None:
        super().__init__()
        self.ranges = ranges
        self.rule = rule
        self.convert = convert

    def __missing__(self, ch: str) -> int:
        value = _range_lookup(self.ranges, ord(ch))
        result = self[ch] = self.rule(ch) if value is None else self.convert(value)
        return result


_CLASSES = _PerCharacter(_CLASS_RANGES, _rule_class, _CLASS_OF_NAME.__getitem__)
_WIDTHS = _PerCharacter(_WIDTH_RANGES, _rule_width, int)


def line_break_class(ch: str) -> int:
    """libunistring's (resolved) line breaking class of one character."""
    return _CLASSES[ch]


def char_width(ch: str) -> int:
    """Columns of one character, as ``uc_width`` in a UTF-8 locale (0 for controls)."""
    return _WIDTHS[ch]


def text_width(text: str) -> int:
    """Columns of a string (the sum of ``char_width``)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))


def possible_linebreaks(text: str) -> list[int]:
    """Break value before each character (``u8_possible_linebreaks_v2``)."""
    result = [BREAK_PROHIBITED] * len(text)
    prev_prop = BK  # class of the previous character
    last_prop = BK  # class of the last character that is not a space
    seen_space = False  # whether spaces follow that character
    ri_count = 0  # regional indicators right before this point
    pairs = _PAIRS
    for i, prop in enumerate(map(_CLASSES.__getitem__, text)):
        if prop >= BK:  # BK, CR, LF, CM, ZW, SP: not in the pair table
            if prop == SP:
                seen_space = True  # (LB7) no break before a space
                prev_prop = prop
            elif prop == CM:
                # (LB9) X CM behaves as X, except after a break, a space or ZW:
                # there CM breaks like AL (LB10).
                if last_prop in (BK, ZW) or seen_space:
                    if last_prop != BK:
                        result[i] = BREAK_POSSIBLE
                    last_prop = AL
                    seen_space = False
                prev_prop = prop
            elif prop == ZW:
                last_prop = ZW  # (LB7) no break before a zero-width space
                seen_space = False
                prev_prop = prop
            else:  # BK, CR, LF (LB4, LB5, LB6)
                result[i] = BREAK_MANDATORY
                if prev_prop == CR and prop == LF:
                    result[i - 1] = BREAK_CR_BEFORE_LF
                prev_prop = prop
                last_prop = BK
                seen_space = False
            ri_count = 0
            continue
        if prop == ZWJ:  # like CM (LB9, LB10)
            if last_prop in (BK, ZW) or seen_space:
                if last_prop != BK:
                    result[i] = BREAK_POSSIBLE
                last_prop = AL
                seen_space = False
        else:
            if last_prop == BK or prev_prop in (ZWJ, _HL_BA):
                pass  # not at the start of a line (LB4…), (LB8a), (LB21a)
            elif last_prop == ZW:
                result[i] = BREAK_POSSIBLE  # (LB8)
            elif last_prop == RI and prop == RI:
                if seen_space or ri_count % 2 == 0:  # (LB30a)
                    result[i] = BREAK_POSSIBLE
            else:
                rule = pairs[last_prop][prop]
                if rule == _DIRECT or (rule == _INDIRECT and seen_space):
                    result[i] = BREAK_POSSIBLE
            last_prop = prop
            seen_space = False
        prev_prop = _HL_BA if prev_prop == HL and prop in (HY, BA) else prop
        ri_count = ri_count + 1 if prop == RI else 0
    return result


def fit_linebreaks(
    text: str, breaks: Sequence[int], width: int, start_column: int = 0, at_end_columns: int = 0
) -> list[int]:
    """Indices of the opportunities in ``breaks`` where lines must break to fit.

    The second half of ``u8_width_linebreaks``: the first line starts at
    ``start_column``; a line breaks at the last opportunity before it would
    exceed ``width`` columns; a word longer than a line is not broken.
    """
    inserted: list[int] = []
    last_opportunity = -1
    last_column = start_column
    piece_width = 0
    for i, (brk, columns) in enumerate(zip(breaks, map(_WIDTHS.__getitem__, text), strict=True)):
        if brk != BREAK_PROHIBITED:
            if last_opportunity >= 0 and last_column + piece_width > width:
                # The piece of text that ends here does not fit: break before it.
                inserted.append(last_opportunity)
                last_column = 0
            if brk == BREAK_POSSIBLE:
                last_opportunity = i
                last_column += piece_width
                piece_width = 0
            else:  # mandatory: a new line starts after this character
                last_opportunity = -1
                last_column = 0
                piece_width = 0
                continue
        piece_width += columns
    if last_opportunity >= 0 and last_column + piece_width + at_end_columns > width:
        inserted.append(last_opportunity)
    return inserted


def width_linebreaks(
    text: str,
    width: int,
    start_column: int = 0,
    at_end_columns: int = 0,
    overrides: Sequence[int] | None = None,
) -> list[int]:
    """Where lines must break so that they fit in ``width`` columns.

    ``u8_width_linebreaks_v2``: `possible_linebreaks`, where ``overrides[i]``
    (unless BREAK_UNDEFINED) replaces the value before ``text[i]``, then
    `fit_linebreaks`. For simple text whose overrides only prohibit breaks,
    the same result faster.
    """
    simple = _SimpleText.get()
    if simple.is_simple(text):
        if overrides is None:
            return simple.width_linebreaks(text, width, start_column, at_end_columns, set())
        values = set(overrides)
        if values <= {BREAK_UNDEFINED, BREAK_PROHIBITED}:
            prohibited = {i for i, value in enumerate(overrides) if value == BREAK_PROHIBITED}
            return simple.width_linebreaks(text, width, start_column, at_end_columns, prohibited)
    if start_column + text_width(text) + at_end_columns <= width:
        return []  # it fits: no piece can be too wide
    breaks = possible_linebreaks(text)
    if overrides is not None:
        breaks = [b if o == BREAK_UNDEFINED else o for b, o in zip(breaks, overrides, strict=True)]
    return fit_linebreaks(text, breaks, width, start_column, at_end_columns)


# -- the fast path: simple text ---------------------------------------------------

# Where simple text may come from: Latin, Greek and Cyrillic letters, general
# punctuation, currency and letterlike symbols, arrows, box drawing, shapes.
# (Other characters are right too, only slower: they take the reference path.)
_SIMPLE_BLOCKS = (
    (0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x4FF), (0x2000, 0x206F), (0x20A0, 0x20CF),
    (0x2100, 0x21FF), (0x2500, 0x25FF),
)  # fmt: skip


class _SimpleText:
    """Breaking simple text: characters one column wide, U+0020 the only space,
    no two spaces in a row, no class with a rule of its own (BK, CR, LF, CM,
    ZW, ZWJ, HL, RI).

    In such text `possible_linebreaks` only ever applies the pair table: the
    break before ``text[p]`` depends on the class of ``text[p - 1]`` (a direct
    break) or, after a space, of ``text[p - 2]`` (an indirect one). Both are
    a lookbehind and a lookahead on character classes, generated from the
    table. Built once, on first use.
    """

    @staticmethod
    @functools.cache
    def get() -> _SimpleText:
        return _SimpleText()

    def __init__(self) -> None:
        members: dict[int, list[int]] = {}
        for first, last in _SIMPLE_BLOCKS:
            for code in range(first, last + 1):
                ch = chr(code)
                prop = _CLASSES[ch]
                if _WIDTHS[ch] == 1 and (prop < BK or prop == SP) and prop not in (ZWJ, HL, RI):
                    members.setdefault(prop, []).append(code)
        assert members[SP] == [0x20], "U+0020 must be the only simple space"
        classes = sorted(prop for prop in members if prop != SP)

        simple = {code for codes in members.values() for code in codes}

        def chars(props: Iterable[int]) -> str:
            """``[…]`` for the characters of these classes in simple text, or
            ``[^…]`` for the others when that is shorter (and faster to compile)."""
            inside = {code for prop in props for code in members[prop]}
            listed, others = _ranges(inside), _ranges(simple - inside)
            return f"[^{others}]" if others and len(others) < len(listed) else f"[{listed}]"

        def after(before: int, rule: Callable[[str], bool]) -> tuple[int, ...]:
            return tuple(prop for prop in classes if rule(_PAIRS[before][prop]))

        direct = {before: after(before, lambda rule: rule == _DIRECT) for before in classes}
        indirect = {before: after(before, lambda rule: rule != _PROHIBITED) for before in classes}
        opportunity = "|".join(
            [f"(?<={chars(rows)} )(?={chars(props)})" for props, rows in _by_value(indirect)]
            + [f"(?<={chars(rows)})(?={chars(props)})" for props, rows in _by_value(direct)]
        )
        # Where there may be one: after a space or a class that breaks before
        # more than a letter (AL) does, or before what a letter breaks before.
        letter = set(direct[AL])
        after_other = [before for before in classes if not letter.issuperset(direct[before])]
        candidate = f"(?:{chars([SP, *after_other])}|.(?={chars(letter)}))"
        self.other_character = re.compile(f"[^{_ranges(simple)}]")
        self.opportunity = re.compile(opportunity)
        # Matched from a line's start with endpos = p + 1: the line's last
        # opportunity after its start and at or before p (the match's end).
        self.last_opportunity = re.compile(f"(?s).*{candidate}(?:{opportunity})")

    def is_simple(self, text: str) -> bool:
        return "  " not in text and self.other_character.search(text) is None

    def width_linebreaks(
        self, text: str, width: int, start_column: int, at_end_columns: int, prohibited: set[int]
    ) -> list[int]:
        """`fit_linebreaks` of `possible_linebreaks` less the ``prohibited`` breaks.

        Every character is a column, so a line from ``start`` with ``room``
        columns ends at its last opportunity up to ``start + room``, or if
        there is none at its first one (a word longer than the line).
        """
        breaks: list[int] = []
        start, room = 0, width - start_column
        while len(text) - start + at_end_columns > room:
            at = self.last_break(text, start, start + room, prohibited)
            if at is None:
                at = self.first_break(text, start + 1, prohibited)
                if at is None:
                    break
            start, room = at, width
            breaks.append(start)
        return breaks

    def last_break(self, text: str, start: int, end: int, prohibited: set[int]) -> int | None:
        """The last opportunity after ``start`` and at or before ``end``."""
        while end > start:
            match = self.last_opportunity.match(text, start, end + 1)
            if match is None:
                return None
            if match.end() not in prohibited:
                return match.end()
            end = match.end() - 1
        return None

    def first_break(self, text: str, start: int, prohibited: set[int]) -> int | None:
        """The first opportunity at or after ``start``."""
        while (match := self.opportunity.search(text, start)) is not None:
            if match.end() not in prohibited:
                return match.end()
            start = match.end() + 1
        return None


def _by_value(mapping: dict[int, tuple[int, ...]]) -> list[tuple[tuple[int, ...], list[int]]]:
    """Keys grouped by their (non-empty) values: the rows with the same columns."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for key, value in mapping.items():
        if value:
            groups.setdefault(value, []).append(key)
    return list(groups.items())


def _ranges(codes: Iterable[int]) -> str:
    """The inside of ``[…]`` matching these code points, as ranges."""
    ordered = sorted(codes)
    befores, afters = [-2, *ordered[:-1]], [*ordered[1:], -2]
    starts = [code for code, before in zip(ordered, befores, strict=False) if code != before + 1]
    ends = [code for code, after in zip(ordered, afters, strict=False) if code != after - 1]
    return "".join(
        f"\\u{first:04x}" if first == last else f"\\u{first:04x}-\\u{last:04x}"
        for first, last in zip(starts, ends, strict=True)
    )
