"""The portal's seed: the press release of 7 September 2023, in French as the
portal's seed text gives it (``data/seed-release.fr.txt``) and in an English version
written for this project. It is the only release that quotes real people, and only
with the words of the seed."""

import datetime

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
    # Body blocks as in releases.py; the quotes are the Secretary General's, word
    # for word from the seed (data/seed-release.fr.txt), and the English ones are
    # their translation.
    "body": {
        "en": [
            (
                "quote",
                "jens-stoltenberg",
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
                "jens-stoltenberg",
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
                "jens-stoltenberg",
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
                "jens-stoltenberg",
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
