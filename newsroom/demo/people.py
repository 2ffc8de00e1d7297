"""The topic tree and the people of the demo newsroom.

Real people appear with their public roles and dates; they are quoted only in the
seed release (``seed.py``). Everyone else who speaks in the demo (spokespeople,
officers, scientists) is fictional, says so in their biography, and is marked
``fictional`` here; tests/newsroom/test_demo_content.py holds the demo to that."""

import datetime

D = datetime.date

TOPICS = [
    # slug, parent slug, {language: (name, description)}
    ("western-balkans", None, {
        "en": ("Western Balkans", "Security and stability in the Western Balkans."),
        "fr": ("Balkans occidentaux", "Sécurité et stabilité dans les Balkans occidentaux."),
    }),
    ("kosovo", "western-balkans", {
        "en": ("Kosovo", "NATO's role in Kosovo."),
        "fr": ("Kosovo", "Le rôle de l'OTAN au Kosovo."),
    }),
    ("kfor", "kosovo", {
        "en": ("KFOR", "The NATO-led Kosovo Force, a peacekeeping mission under a UN mandate."),
        "fr": ("KFOR", "La Force pour le Kosovo dirigée par l'OTAN, une mission de maintien de la paix sous mandat de l'ONU."),
    }),
    ("peacekeeping", None, {
        "en": ("Peacekeeping", "Operations that keep the peace."),
        "fr": ("Maintien de la paix", "Opérations de maintien de la paix."),
    }),
    ("partnerships", None, {
        "en": ("Partnerships", "Dialogue and cooperation with partners."),
        "fr": ("Partenariats", "Dialogue et coopération avec les partenaires."),
    }),
    ("ukraine", "partnerships", {
        "en": ("Ukraine", "Support for Ukraine and the NATO-Ukraine Council."),
        "fr": ("Ukraine", "Le soutien à l'Ukraine et le Conseil OTAN-Ukraine."),
    }),
    ("defence-and-deterrence", None, {
        "en": ("Defence and deterrence", "Forces, plans and readiness to defend every Ally."),
        "fr": ("Défense et dissuasion", "Forces, plans et disponibilité pour défendre chaque Allié."),
    }),
    ("exercises", "defence-and-deterrence", {
        "en": ("Exercises", "Training together on land, at sea, in the air and in cyberspace."),
        "fr": ("Exercices", "S'entraîner ensemble sur terre, en mer, dans les airs et dans le cyberespace."),
    }),
    ("air-policing", "defence-and-deterrence", {
        "en": ("Air policing", "Fighter jets on alert to protect Allied airspace."),
        "fr": ("Police du ciel", "Des avions de chasse en alerte pour protéger l'espace aérien allié."),
    }),
    ("summits", None, {
        "en": ("Summits", "Meetings of Allied Heads of State and Government."),
        "fr": ("Sommets", "Réunions des chefs d'État et de gouvernement des pays alliés."),
    }),
    ("innovation", None, {
        "en": ("Innovation", "Science, technology and new ideas for defence."),
        "fr": ("Innovation", "Science, technologie et idées nouvelles pour la défense."),
    }),
    ("climate-and-security", "innovation", {
        "en": ("Climate and security", "How a changing climate affects security, and what forces do about it."),
        "fr": ("Climat et sécurité", "Les effets du changement climatique sur la sécurité, et la réponse des forces."),
    }),
]  # fmt: skip


def position(title_en, title_fr, organisation_en, organisation_fr, start, end=None):
    return {
        "title": {"en": title_en, "fr": title_fr},
        "organisation": {"en": organisation_en, "fr": organisation_fr},
        "start": start,
        "end": end,
    }


NATO = ("NATO", "OTAN")
NORWAY = ("Government of Norway", "Gouvernement norvégien")
DEMO_OFFICE = ("Press and Media Office (demo)", "Bureau de presse et des médias (démo)")
DEMO_KFOR = ("KFOR Public Affairs (demo)", "Affaires publiques de la KFOR (démo)")
DEMO_SCIENCE = (
    "Science and Innovation Unit (demo)",
    "Cellule science et innovation (démo)",
)
FICTION = {
    "en": " A fictional person created for the portal's demo content.",
    "fr": " Personnage fictif créé pour le contenu de démonstration du portail.",
}

PEOPLE = [
    {
        "slug": "jens-stoltenberg",
        "name": "Jens Stoltenberg",
        "bio": {
            "en": "Norwegian politician; NATO Secretary General from 2014 to 2024.",
            "fr": "Homme politique norvégien ; secrétaire général de l'OTAN de 2014 à 2024.",
        },
        "positions": [
            position("Prime Minister of Norway", "Premier ministre de la Norvège",
                     *NORWAY, D(2005, 10, 17), D(2013, 10, 16)),
            position("NATO Secretary General", "Secrétaire général de l'OTAN",
                     *NATO, D(2014, 10, 1), D(2024, 9, 30)),
            position("Minister of Finance of Norway", "Ministre des Finances de la Norvège",
                     *NORWAY, D(2025, 2, 4)),
        ],
    },
    {
        "slug": "mark-rutte",
        "name": "Mark Rutte",
        "bio": {
            "en": "Dutch politician; Prime Minister of the Netherlands from 2010 to 2024, NATO Secretary General since 1 October 2024.",
            "fr": "Homme politique néerlandais ; Premier ministre des Pays-Bas de 2010 à 2024, secrétaire général de l'OTAN depuis le 1er octobre 2024.",
        },
        "positions": [
            position("Prime Minister of the Netherlands", "Premier ministre des Pays-Bas",
                     "Government of the Netherlands", "Gouvernement néerlandais",
                     D(2010, 10, 14), D(2024, 7, 2)),
            position("NATO Secretary General", "Secrétaire général de l'OTAN",
                     *NATO, D(2024, 10, 1)),
        ],
    },
    {
        "slug": "vjosa-osmani",
        "name": "Vjosa Osmani",
        "bio": {
            "en": "Kosovan politician; President of Kosovo since April 2021.",
            "fr": "Femme politique kosovare ; présidente du Kosovo depuis avril 2021.",
        },
        "positions": [
            position("President of Kosovo", "Présidente du Kosovo", "Kosovo", "Kosovo",
                     D(2021, 4, 4)),
        ],
    },
    {
        "slug": "elise-marchetti",
        "name": "Elise Marchetti",
        "fictional": True,
        "bio": {
            "en": "Deputy spokesperson, then spokesperson of the press office." + FICTION["en"],
            "fr": "Porte-parole adjointe, puis porte-parole du bureau de presse." + FICTION["fr"],
        },
        "positions": [
            position("Deputy Spokesperson", "Porte-parole adjointe", *DEMO_OFFICE,
                     D(2021, 3, 1), D(2024, 12, 31)),
            position("Spokesperson", "Porte-parole", *DEMO_OFFICE, D(2025, 1, 1)),
        ],
    },
    {
        "slug": "pieter-aalders",
        "name": "Pieter Aalders",
        "fictional": True,
        "bio": {
            "en": "Army officer; spoke for KFOR in Pristina, then led a training group." + FICTION["en"],
            "fr": "Officier de l'armée de terre ; porte-parole de la KFOR à Pristina, puis chef d'un groupe d'entraînement." + FICTION["fr"],
        },
        "positions": [
            position("Chief Public Affairs Officer, KFOR", "Chef des affaires publiques de la KFOR",
                     *DEMO_KFOR, D(2022, 10, 1), D(2024, 9, 30)),
            position("Commander, Multinational Training Group", "Commandant du groupe d'entraînement multinational",
                     "Allied Land Training (demo)", "Entraînement terrestre allié (démo)",
                     D(2024, 10, 1)),
        ],
    },
    {
        "slug": "lina-okafor",
        "name": "Lina Okafor",
        "fictional": True,
        "bio": {
            "en": "Engineer; runs the innovation programmes, chief scientist since July 2025." + FICTION["en"],
            "fr": "Ingénieure ; dirige les programmes d'innovation, scientifique en chef depuis juillet 2025." + FICTION["fr"],
        },
        "positions": [
            position("Innovation Programme Manager", "Responsable des programmes d'innovation",
                     *DEMO_SCIENCE, D(2022, 9, 1), D(2025, 6, 30)),
            position("Chief Scientist", "Scientifique en chef", *DEMO_SCIENCE, D(2025, 7, 1)),
        ],
    },
    {
        "slug": "jonas-berglund",
        "name": "Jonas Berglund",
        "fictional": True,
        "bio": {
            "en": "Air force press officer, then deputy spokesperson." + FICTION["en"],
            "fr": "Officier de presse de l'armée de l'air, puis porte-parole adjoint." + FICTION["fr"],
        },
        "positions": [
            position("Press Officer, Allied Air Command", "Officier de presse, commandement aérien allié",
                     "Allied Air Command (demo)", "Commandement aérien allié (démo)",
                     D(2023, 2, 1), D(2025, 1, 31)),
            position("Deputy Spokesperson", "Porte-parole adjoint", *DEMO_OFFICE, D(2025, 2, 1)),
        ],
    },
]  # fmt: skip

FICTIONAL = {person["slug"] for person in PEOPLE if person.get("fictional")}
