"""The order in which one merge takes its packages: a laptop's own package before the
packages that relay its rows.

A package may carry rows of another laptop (the researcher merged that laptop's package).
The master never takes such rows on the relaying laptop's word: they are checked against
what the study got from their author, and left for the author's own signed package to
bring. So when both packages come in one merge, the author's goes first, and the master
is the same whatever order the files were named in.
"""

from __future__ import annotations

from collections.abc import Sequence

from neutralitas_desktop.exchange.read import OpenedPackage


def merge_order(
    packages: Sequence[OpenedPackage], *, keep_first: bool = False
) -> list[OpenedPackage]:
    """``packages`` with every package after the packages of the devices whose rows it
    relays, otherwise in the order given (a cycle is taken in the order given).
    ``keep_first``: the first package founds the study (joining) and stays first."""
    if len(packages) < 2:
        return list(packages)
    fixed = [packages[0]] if keep_first else []
    rest = list(packages[len(fixed) :])
    devices = {p.manifest.device_id for p in rest}
    if len(devices) < 2:
        return [*fixed, *rest]
    waits = [(p.authors & devices) - {p.manifest.device_id} for p in rest]
    ordered: list[OpenedPackage] = []
    while rest:
        pending = {p.manifest.device_id for p in rest}
        ready = next((i for i, w in enumerate(waits) if not w & pending), 0)
        ordered.append(rest.pop(ready))
        waits.pop(ready)
    return [*fixed, *ordered]
