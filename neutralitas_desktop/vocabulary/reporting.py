"""Where a suspected violation is reported, and by when.

Who handles a report depends on who acted (DOMAIN, "Who handles a report"): Bawaslu (at
sub-district level Panwascam) for every election offence; for civil servants also BKN
(which took over KASN's supervision in August 2024) and the Pejabat Pembina Kepegawaian,
who imposes the disciplinary penalty; for village heads and officials, who are not ASN,
the regent under the Village Law. A report must reach Bawaslu within 7 days of the
violation being known or found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from neutralitas_desktop.vocabulary.terms import ActorType, Election

LocalText = dict[str, str]


@dataclass(frozen=True)
class ReportingRule:
    """How long after a violation is known a report may still reach Bawaslu."""

    election: str  # Election value
    days: int
    citation: str
    note: str = ""  # "(check) ..." where the article is not confirmed

    def deadline(self, known: dt.date) -> dt.date:
        """The last day a report is received: ``days`` days after the day it was known."""
        return known + dt.timedelta(days=self.days)


REPORTING_RULES: dict[str, ReportingRule] = {
    Election.PILKADA: ReportingRule(
        Election.PILKADA,
        7,
        "UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016, Pasal 134 ayat (4)",
        "(check) tenggat dan nomor pasal",
    ),
    Election.PEMILU: ReportingRule(
        Election.PEMILU,
        7,
        "UU No. 7 Tahun 2017, Pasal 454 ayat (6)",
        "(check) nomor pasal",
    ),
}


def reporting_rules(election: str) -> tuple[ReportingRule, ...]:
    """The rules of a study's election ("both": each election's)."""
    if election in REPORTING_RULES:
        return (REPORTING_RULES[election],)
    return tuple(REPORTING_RULES.values())


@dataclass(frozen=True)
class Body:
    """An authority a case file is addressed to, and what it acts on."""

    code: str
    name: LocalText
    acts_on: LocalText


BAWASLU = Body(
    "bawaslu",
    {
        "id": "Bawaslu kabupaten/kota, melalui Panwaslu Kecamatan (Panwascam)",
        "en": "Bawaslu of the regency/city, through the sub-district supervisors (Panwascam)",
    },
    {
        "id": "menerima dan memeriksa laporan dugaan pelanggaran pemilihan selama tahapan, "
        "lalu meneruskan rekomendasinya",
        "en": "receives and examines reports of election violations during the election "
        "stages, and forwards its recommendation",
    },
)
BKN = Body(
    "bkn",
    {"id": "Badan Kepegawaian Negara (BKN)", "en": "National Civil Service Agency (BKN)"},
    {
        "id": "pengawasan norma, kode etik, dan netralitas ASN (beralih dari KASN sejak "
        "Agustus 2024, Perpres No. 91 dan 92 Tahun 2024)",
        "en": "supervision of ASN norms, code of ethics and neutrality (taken over from KASN "
        "in August 2024, Presidential Regulations No. 91 and 92 of 2024)",
    },
)
STAFFING_AUTHORITY = Body(
    "staffing_authority",
    {
        "id": "Pejabat Pembina Kepegawaian instansi pelaku",
        "en": "The staffing authority (Pejabat Pembina Kepegawaian) of the actor's agency",
    },
    {
        "id": "menjatuhkan hukuman disiplin (PP No. 94 Tahun 2021) dan sanksi moral "
        "(PP No. 42 Tahun 2004)",
        "en": "imposes the disciplinary penalty (PP No. 94 of 2021) and the moral sanction "
        "(PP No. 42 of 2004)",
    },
)
REGENT = Body(
    "regent",
    {"id": "Bupati / wali kota", "en": "The regent / mayor (bupati / wali kota)"},
    {
        "id": "sanksi administratif UU No. 6 Tahun 2014 tentang Desa (teguran, pemberhentian "
        "sementara, pemberhentian)",
        "en": "administrative sanctions of the Village Law, UU No. 6 of 2014 (warning, "
        "suspension, dismissal)",
    },
)
KPU = Body(
    "kpu",
    {"id": "KPU kabupaten/kota", "en": "KPU of the regency/city"},
    {
        "id": "pembatalan calon petahana atas rekomendasi Bawaslu",
        "en": "disqualifies an incumbent candidate on Bawaslu's recommendation",
    },
)

BODIES: dict[str, tuple[Body, ...]] = {
    ActorType.ASN_STAFF: (BAWASLU, BKN, STAFFING_AUTHORITY),
    ActorType.ASN_OFFICIAL: (BAWASLU, BKN, STAFFING_AUTHORITY),
    ActorType.VILLAGE_HEAD: (BAWASLU, REGENT),
    ActorType.VILLAGE_OFFICIAL: (BAWASLU, REGENT),
    ActorType.BPD_MEMBER: (BAWASLU,),
    ActorType.INCUMBENT_HEAD: (BAWASLU, KPU),
    ActorType.CANDIDATE_TEAM: (BAWASLU,),
    ActorType.OTHER: (BAWASLU,),
}


def bodies_for(actor_type: str) -> tuple[Body, ...]:
    """The authorities a report about an act by ``actor_type`` goes to, Bawaslu first."""
    return BODIES.get(actor_type, (BAWASLU,))
