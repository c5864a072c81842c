"""Rekap TPP — the screen arrives with its workflow; until then it says so."""
from components.context import current
from components.ui import coming_soon

current()
coming_soon("Rekap TPP")
