"""The demo study's legal analysis: the legal materials a normative study names and one
complete element-by-element test (*unsur pasal*) of the village head's incident against
the Village Law's Pasal 29 and the Pilkada law's Pasal 71 ayat (1), so the case file and
the screenshots show a worked example."""

from __future__ import annotations

from collections.abc import Collection

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.incidents import list_incidents
from neutralitas_desktop.triangulation.legal_analysis import (
    add_element_test,
    add_material,
    list_element_tests,
    list_materials,
)

MATERIALS = (
    ("primary", "UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016 tentang Pemilihan Gubernur, "
     "Bupati, dan Wali Kota", "Pasal 71 ayat (1) dan Pasal 188"),
    ("primary", "UU No. 6 Tahun 2014 tentang Desa", "Pasal 29 huruf g dan j; Pasal 30"),
    ("primary", "Peraturan Bawaslu No. 8 Tahun 2020 tentang Penanganan Pelanggaran "
     "Administrasi Pemilihan", ""),
    ("secondary", "Jimly Asshiddiqie, Pengantar Ilmu Hukum Tata Negara (Rajawali Pers, 2009)",
     "asas netralitas penyelenggara pemerintahan"),
    ("secondary", "Peter Mahmud Marzuki, Penelitian Hukum (Kencana, 2005)",
     "pendekatan perundang-undangan dan konseptual"),
    ("tertiary", "Kamus Besar Bahasa Indonesia (KBBI) daring", "makna 'keberpihakan'"),
)  # fmt: skip

VILLAGE_LAW = "UU No. 6 Tahun 2014 tentang Desa, Pasal 29"
PILKADA_71 = "Pasal 71 ayat (1)"
# (article, element, verdict, reasoning); the evidence is the incident's lines.
TESTS = (
    (VILLAGE_LAW, "subject", "met",
     "Pelaku adalah kepala desa yang sedang menjabat; Pasal 29 mengikat kepala desa."),
    (VILLAGE_LAW, "act", "met",
     "Mengarahkan perangkat desa memasang atribut pasangan calon adalah ikut serta dan "
     "terlibat dalam kampanye pemilihan kepala daerah (huruf j)."),
    (VILLAGE_LAW, "time", "met",
     "Terjadi dalam masa kampanye Pilkada 2024 (25 September–23 November 2024)."),
    (VILLAGE_LAW, "intent", "met",
     "Arahan diberikan berulang kepada bawahan dan diakui pelaku sendiri; bukan kelalaian."),
    (PILKADA_71, "subject", "met",
     "Kepala desa termasuk pihak yang disebut Pasal 71 ayat (1)."),
    (PILKADA_71, "act", "met",
     "Tindakan memasang atribut satu pasangan calon melalui perangkat desa menguntungkan "
     "pasangan calon tersebut."),
    (PILKADA_71, "time", "met",
     "Larangan berlaku selama tahapan pemilihan; peristiwa terjadi dalam masa kampanye."),
    (PILKADA_71, "intent", "unclear",
     "Kesengajaan untuk menguntungkan paslon tertentu baru didukung pengakuan pelaku; "
     "perlu keterangan saksi lain sebelum diteruskan ke Bawaslu."),
)  # fmt: skip


def add_demo_legal_analysis(db: Database, actor: Actor, incident_ids: Collection[str]) -> int:
    """Record the demo's legal materials (those the study lacks) and, when this run of the
    demo made a village head's incident, its element tests; returns how many element tests
    were recorded. A second demo in the same study adds to it, as its sessions do; it tests
    only incidents it made itself, so two demos run at once never test the same one."""
    known = {m.citation for m in list_materials(db)}
    for kind, citation, note in MATERIALS:
        if citation not in known:
            add_material(db, actor, kind, citation, note=note)
    tested = {t.incident_id for t in list_element_tests(db)}
    heads = [
        i for i in list_incidents(db)
        if i.id in incident_ids and i.actor_type == "village_head" and i.id not in tested
    ]  # fmt: skip
    if not heads:
        return 0
    incident = max(heads, key=lambda i: (len(i.lines), i.id))
    lines = [x.id for x in incident.lines]
    for article, element, verdict, reasoning in TESTS:
        add_element_test(
            db, actor, incident.id, provision=article, element=element, verdict=verdict,
            reasoning=reasoning, evidence=lines,
        )  # fmt: skip
    return len(TESTS)
