"""Whole numbers written as floats (`"ty": 4.0`, `"ind": 15.0`), put in the integer form exporters usually write.

Some exporters (Flow's, lottie-ios issue_1847.json) write every number as a float, the layer and shape types,
indices and parents included. JSON does not tell the two apart and Skottie and lottie-web read `4.0` as `4`; the
player reads these fields as integers and, given a float, fails that read and goes on parsing from a broken
state: it reads memory it does not own and dies of SIGSEGV at some runs and not others (under valgrind: invalid
reads in its parser at every run; none once the numbers are integers). Every whole number below 2^31 is written
as an integer; the values are the same.
"""
from __future__ import annotations

INT_LIMIT = 2 ** 31


def integral_numbers(node) -> object:
    """`node` with every integral float (within int32) replaced by the int of the same value, in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = integral_numbers(value)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            node[i] = integral_numbers(value)
    elif isinstance(node, float) and node.is_integer() and abs(node) < INT_LIMIT:
        return int(node)
    return node
