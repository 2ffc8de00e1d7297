"""Demo content: the 7 September 2023 press release (French text from the portal's
seed, English variant written for this project), the people and topics it touches,
and a handful of shorter demonstration releases so that lists, filters and
pagination have something to show."""

import datetime

DEMO_ADMIN_EMAIL = "admin@example.com"
DEMO_ADMIN_PASSWORD = "Demo-Portal-2026!"

TOPICS = [
    # slug, parent slug, {locale: (name, description)}
    (
        "western-balkans",
        None,
        {
            "en": ("Western Balkans", "Security and stability in the Western Balkans."),
            "fr": (
                "Balkans occidentaux",
                "Sécurité et stabilité dans les Balkans occidentaux.",
            ),
        },
    ),
    (
        "kosovo",
        "western-balkans",
        {
            "en": ("Kosovo", "NATO's role in Kosovo."),
            "fr": ("Kosovo", "Le rôle de l'OTAN au Kosovo."),
        },
    ),
    (
        "kfor",
        "kosovo",
        {
            "en": (
                "KFOR",
                "The NATO-led Kosovo Force, a peacekeeping mission under a UN mandate.",
            ),
            "fr": (
                "KFOR",
                "La Force pour le Kosovo dirigée par l'OTAN, une mission de maintien de la paix sous mandat de l'ONU.",
            ),
        },
    ),
    (
        "peacekeeping",
        None,
        {
            "en": ("Peacekeeping", "Operations that keep the peace."),
            "fr": ("Maintien de la paix", "Opérations de maintien de la paix."),
        },
    ),
    (
        "partnerships",
        None,
        {
            "en": ("Partnerships", "Dialogue and cooperation with partners."),
            "fr": ("Partenariats", "Dialogue et coopération avec les partenaires."),
        },
    ),
]

PEOPLE = [
    {
        "slug": "jens-stoltenberg",
        "name": "Jens Stoltenberg",
        "bio": {
            "en": "Norwegian politician; NATO Secretary General from 2014 to 2024.",
            "fr": "Homme politique norvégien ; secrétaire général de l'OTAN de 2014 à 2024.",
        },
        "positions": [
            {
                "title": {
                    "en": "Prime Minister of Norway",
                    "fr": "Premier ministre de la Norvège",
                },
                "organisation": {
                    "en": "Government of Norway",
                    "fr": "Gouvernement norvégien",
                },
                "start": datetime.date(2005, 10, 17),
                "end": datetime.date(2013, 10, 16),
            },
            {
                "title": {
                    "en": "NATO Secretary General",
                    "fr": "Secrétaire général de l'OTAN",
                },
                "organisation": {"en": "NATO", "fr": "OTAN"},
                "start": datetime.date(2014, 10, 1),
                "end": datetime.date(2024, 9, 30),
            },
            {
                "title": {
                    "en": "Minister of Finance of Norway",
                    "fr": "Ministre des Finances de la Norvège",
                },
                "organisation": {
                    "en": "Government of Norway",
                    "fr": "Gouvernement norvégien",
                },
                "start": datetime.date(2025, 2, 4),
                "end": None,
            },
        ],
    },
    {
        "slug": "mark-rutte",
        "name": "Mark Rutte",
        "bio": {
            "en": "Dutch politician; NATO Secretary General since 1 October 2024.",
            "fr": "Homme politique néerlandais ; secrétaire général de l'OTAN depuis le 1er octobre 2024.",
        },
        "positions": [
            {
                "title": {
                    "en": "NATO Secretary General",
                    "fr": "Secrétaire général de l'OTAN",
                },
                "organisation": {"en": "NATO", "fr": "OTAN"},
                "start": datetime.date(2024, 10, 1),
                "end": None,
            },
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
            {
                "title": {"en": "President of Kosovo", "fr": "Présidente du Kosovo"},
                "organisation": {"en": "Kosovo", "fr": "Kosovo"},
                "start": datetime.date(2021, 4, 4),
                "end": None,
            },
        ],
    },
]

SEED_RELEASE = {
    "slug": {
        "en": "secretary-general-meets-vjosa-osmani",
        "fr": "le-secretaire-general-recoit-vjosa-osmani",
    },
    "date": datetime.datetime(2023, 9, 7, 12, 0),
    "location": {"en": "Brussels", "fr": "Bruxelles"},
    "title": {
        "en": "NATO Secretary General meets Vjosa Osmani of Kosovo",
        "fr": "Le secrétaire général de l’OTAN reçoit Vjosa Osmani, du Kosovo",
    },
    "standfirst": {
        "en": (
            "On Thursday (7 September 2023), NATO Secretary General Jens Stoltenberg "
            "received Vjosa Osmani of Kosovo at NATO Headquarters to discuss the recent "
            "tensions in the north and the importance of KFOR, the peacekeeping mission "
            "that operates under a UN mandate."
        ),
        "fr": (
            "Ce jeudi (7 septembre 2023), le secrétaire général de l’OTAN, Jens "
            "Stoltenberg, a reçu au siège de l’Organisation Vjosa Osmani, du Kosovo, pour "
            "discuter des tensions récentes dans le nord du territoire et de "
            "l’importance de la mission de maintien de la paix de la KFOR, qui est menée "
            "sous mandat de l’ONU."
        ),
    },
    "people": ["jens-stoltenberg", "vjosa-osmani"],
    "topics": ["kfor", "kosovo", "peacekeeping"],
    # Body blocks: ("paragraph", text) / ("quote", text) spoken by the first person /
    # ("key_figure", (figure, description)) / ("image", caption).
    "body": {
        "en": [
            (
                "quote",
                (
                    "I welcome the steps Pristina has recently taken to de-escalate, including "
                    "the reduction of special police in the north and the announcement of "
                    "arrangements to make new municipal elections easier to hold. But further "
                    "escalation must be avoided. That is why I urge all parties to refrain from "
                    "inflammatory rhetoric, to show restraint and to honour their commitments."
                ),
            ),
            (
                "paragraph",
                (
                    "Mr Stoltenberg welcomed the news that the next meeting of the EU-facilitated "
                    "Dialogue between Belgrade and Pristina would take place the following week. "
                    "He recalled that the Dialogue is “the only way forward to resolve "
                    "outstanding issues and find a solution that respects the rights of all "
                    "communities”. “This requires patience, perseverance and compromise,” he said."
                ),
            ),
            (
                "key_figure",
                ("93", "KFOR soldiers injured in unprovoked attacks in May 2023"),
            ),
            (
                "paragraph",
                (
                    "In May this year, unprovoked attacks on KFOR soldiers in northern Kosovo "
                    "injured 93 of them, some seriously. Calling the violence “totally "
                    "unacceptable”, the Secretary General added:"
                ),
            ),
            (
                "quote",
                (
                    "We expect any initiative by the Kosovo Security Force or the Kosovo Police "
                    "that could affect the security environment to be the subject of genuine and "
                    "timely consultation."
                ),
            ),
            (
                "paragraph",
                (
                    "Since those tensions, NATO has deployed hundreds of additional troops to "
                    "Kosovo from the Operational Reserve Force for the Western Balkans."
                ),
            ),
            ("image", "NATO Headquarters, Brussels (demonstration image)"),
        ],
        "fr": [
            (
                "quote",
                (
                    "Je me félicite des mesures que Pristina a récemment prises en vue "
                    "d’apaiser les tensions, notamment de la diminution, dans le nord, du nombre "
                    "d'agents de la police spéciale ainsi que l’annonce de dispositions visant à "
                    "faciliter la tenue de nouvelles élections municipales. Toutefois, il est "
                    "essentiel d’éviter une nouvelle escalade. C’est pourquoi j’exhorte toutes "
                    "les parties à s’abstenir de toute rhétorique susceptible d’enflammer les "
                    "esprits, à agir avec retenue et à respecter leurs engagements"
                ),
            ),
            (
                "paragraph",
                (
                    "M. Stoltenberg a noté avec satisfaction que la prochaine réunion prévue dans "
                    "le cadre du dialogue facilité par l’Union européenne entre Belgrade et "
                    "Pristina aurait lieu la semaine suivante. Il a rappelé que le dialogue était "
                    "« la seule voie à suivre pour résoudre les questions en suspens et trouver "
                    "une solution qui respecte les droits de toutes les communautés ». « Cela "
                    "exige de la patience, de la persévérance et le sens du compromis », a-t-il "
                    "indiqué."
                ),
            ),
            (
                "key_figure",
                ("93", "soldats de la KFOR blessés lors d’attaques en mai 2023"),
            ),
            (
                "paragraph",
                (
                    "Cette année, au mois de mai, au cours d’attaques menées, en l’absence de "
                    "toute provocation, contre des soldats de la KFOR dans le nord du Kosovo, 93 "
                    "d’entre eux ont été blessés, dont certains gravement. Qualifiant ces "
                    "violences de « totalement inacceptables », le secrétaire général a ajouté :"
                ),
            ),
            (
                "quote",
                (
                    "Nous nous attendons à ce que toute initiative de la Force de sécurité du "
                    "Kosovo ou de la police du Kosovo qui serait susceptible d’avoir une "
                    "incidence sur l’environnement de sécurité fasse l’objet d’une véritable "
                    "consultation, en temps utile."
                ),
            ),
            (
                "paragraph",
                (
                    "Depuis cet épisode de tensions, l’OTAN a déployé au Kosovo des centaines de "
                    "soldats supplémentaires de la force de réserve opérationnelle constituée "
                    "pour les Balkans occidentaux."
                ),
            ),
            ("image", "Siège de l’OTAN, Bruxelles (image de démonstration)"),
        ],
    },
}

# Shorter demonstration releases. Their text says plainly that it is demo content.
DEMO_RELEASES = [
    # (day offset from 2023-09-07, topics, people)
    (-60, ["kfor"], ["jens-stoltenberg"]),
    (-30, ["partnerships"], ["jens-stoltenberg"]),
    (-10, ["western-balkans"], []),
    (14, ["peacekeeping", "kfor"], ["jens-stoltenberg"]),
    (45, ["kosovo"], ["vjosa-osmani"]),
    (90, ["partnerships"], []),
    (200, ["western-balkans", "kosovo"], ["jens-stoltenberg", "vjosa-osmani"]),
    (400, ["peacekeeping"], ["mark-rutte"]),
    (430, ["kfor"], ["mark-rutte"]),
    (500, ["partnerships"], ["mark-rutte"]),
    (520, ["western-balkans"], ["mark-rutte", "vjosa-osmani"]),
]

DEMO_TEXT = {
    "title": {
        "en": "Demonstration release {n}: {topic}",
        "fr": "Communiqué de démonstration {n} : {topic}",
    },
    "slug": {
        "en": "demonstration-release-{n}",
        "fr": "communique-de-demonstration-{n}",
    },
    "standfirst": {
        "en": "Demonstration content for the media portal, filed under {topic}.",
        "fr": "Contenu de démonstration pour le portail médias, classé sous {topic}.",
    },
    "paragraph": {
        "en": "This release exists so that lists, filters and pagination have something to show. It is not an official statement.",
        "fr": "Ce communiqué permet de montrer les listes, les filtres et la pagination. Il ne s’agit pas d’une déclaration officielle.",
    },
    "location": {"en": "Brussels", "fr": "Bruxelles"},
}
