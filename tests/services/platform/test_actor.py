"""The roles an Actor carries: who may open the Dasbor Capaian and the Kurva Distribusi."""

from __future__ import annotations

import pytest

from services.platform.access import Actor


@pytest.mark.parametrize(
    "is_admin,is_pimpinan,boleh",
    [(False, False, False), (False, True, True), (True, False, True), (True, True, True)],
)
def test_pimpinan_and_admin_may_see_the_dasbor(is_admin, is_pimpinan, boleh):
    actor = Actor(1, "199001012020011001", "Uji", 1, is_admin=is_admin, is_pimpinan=is_pimpinan)
    assert actor.boleh_lihat_dasbor is boleh
