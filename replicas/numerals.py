"""Chinese capital numerals (大写) for yuan amounts, as printed in bulletins."""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿")


def _section(number: int) -> str:
    text = ""
    zero = False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += DIGITS[digit] + UNITS[position]
    return text


def capital_yuan(amount: int) -> str:
    """A whole yuan amount in capitals, e.g. 639000 -> 陆拾叁万玖仟元整."""
    if amount == 0:
        return "零元整"
    parts = []
    index = 0
    pending_zero = False
    while amount:
        amount, section = divmod(amount, 10000)
        if section:
            text = _section(section) + SECTIONS[index]
            if pending_zero:
                text += "零"
            parts.append(text)
            pending_zero = section < 1000
        elif parts:
            pending_zero = True
        index += 1
    return "".join(reversed(parts)).rstrip("零") + "元整"
