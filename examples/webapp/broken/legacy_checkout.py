"""Left over from the redesign: the lint gate of broken.ini fails on it."""

import os
import sys


def total(prices):
    return sum(prices)
