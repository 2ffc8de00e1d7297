"""The demo videos: what each shows (shots drawn by ``newsroom.demo.pictures``,
moving as a camera would), what is said in its soundbite (speech committed in
``data/``, spoken by a fictional spokesperson), and its texts in both languages.

The first is the footage of the seed release's meeting; tests rely on its shape
(12 s at 25 frames a second, three 4-second shots, one English soundbite at 8 s)."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
FREE = {
    "credit": {"en": "NATO", "fr": "OTAN"},
    "usage_terms": {
        "en": "Free of charge for editorial use. Credit: NATO.",
        "fr": "Utilisation éditoriale gratuite. Mention : OTAN.",
    },
    "restrictions": {"en": "None.", "fr": "Aucune."},
}

VIDEOS = [
    {
        "asset": "Demo: Secretary General meets Vjosa Osmani (B-roll)",
        "file": "sg-osmani",
        "date": (2023, 9, 7, 11, 30),
        "duration": 12,
        "release": "secretary-general-meets-vjosa-osmani",
        "people": ["jens-stoltenberg", "vjosa-osmani", "elise-marchetti"],
        "topics": ["kfor", "peacekeeping"],
        "slug": {
            "en": "secretary-general-meets-vjosa-osmani-video",
            "fr": "le-secretaire-general-recoit-vjosa-osmani-video",
        },
        "title": {
            "en": "NATO Secretary General meets Vjosa Osmani (B-roll and soundbite)",
            "fr": "Le secrétaire général de l'OTAN reçoit Vjosa Osmani (images et extrait sonore)",
        },
        "summary": {
            "en": "Footage of the meeting at NATO Headquarters on 7 September 2023, and a soundbite of the deputy spokesperson on KFOR.",
            "fr": "Images de la rencontre au siège de l'OTAN le 7 septembre 2023, et extrait sonore de la porte-parole adjointe sur la KFOR.",
        },
        "location": {"en": "NATO Headquarters, Brussels", "fr": "Siège de l'OTAN, Bruxelles"},
        "shots": [
            (0.0, 4.0, "headquarters", {
                "en": "Wide shot: arrival of Vjosa Osmani at NATO Headquarters.",
                "fr": "Plan large : arrivée de Vjosa Osmani au siège de l'OTAN.",
            }),
            (4.0, 8.0, "room", {
                "en": "Medium shot: handshake with the Secretary General; the delegations take their seats.",
                "fr": "Plan moyen : poignée de main avec le secrétaire général ; les délégations prennent place.",
            }),
            (8.0, 12.0, "town", {
                "en": "The deputy spokesperson speaks to the press outside.",
                "fr": "La porte-parole adjointe s'adresse à la presse à l'extérieur.",
            }),
        ],
        "soundbite": {
            "start": 8.0, "end": 12.0, "language": "en", "speaker": "elise-marchetti",
            "audio": "sg-osmani.en.opus", "rate": 185,
            "words": "KFOR acts impartially, for a safe and secure environment.",
            "subtitles": {"fr": "La KFOR agit en toute impartialité, pour un environnement sûr et sécurisé."},
        },
        "transcript": {
            "en": "Elise Marchetti, deputy spokesperson: KFOR acts impartially, for a safe and secure environment.",
            "fr": "Elise Marchetti, porte-parole adjointe : la KFOR agit en toute impartialité, pour un environnement sûr et sécurisé.",
        },
    },
    {
        "asset": "KFOR patrols in northern Kosovo (demo footage)",
        "file": "kfor-patrol",
        "date": (2023, 1, 18, 9, 0),
        "duration": 9,
        "release": "kfor-patrols-in-northern-kosovo-in-winter",
        "people": ["pieter-aalders"],
        "topics": ["kfor", "kosovo"],
        "slug": {"en": "kfor-patrols-in-northern-kosovo", "fr": "patrouilles-de-la-kfor-dans-le-nord-du-kosovo"},
        "title": {
            "en": "KFOR patrols in northern Kosovo (B-roll and soundbite)",
            "fr": "Patrouilles de la KFOR dans le nord du Kosovo (images et extrait sonore)",
        },
        "summary": {
            "en": "A KFOR patrol in a village of the north, and a soundbite in French of KFOR's public affairs officer.",
            "fr": "Une patrouille de la KFOR dans un village du nord, et un extrait sonore du chef des affaires publiques de la KFOR.",
        },
        "location": {"en": "Northern Kosovo", "fr": "Nord du Kosovo"},
        "shots": [
            (0.0, 3.0, "landscape", {
                "en": "Wide shot: the road into the valley.",
                "fr": "Plan large : la route qui descend dans la vallée.",
            }),
            (3.0, 9.0, "town", {
                "en": "The public affairs officer speaks in the village.",
                "fr": "Le chef des affaires publiques s'exprime dans le village.",
            }),
        ],
        "soundbite": {
            "start": 4.0, "end": 8.5, "language": "fr", "speaker": "pieter-aalders",
            "audio": "kfor-patrol.fr.opus",
            "words": "Nos patrouilles protègent toutes les communautés, de jour comme de nuit.",
            "subtitles": {"en": "Our patrols protect every community, by day and by night."},
        },
        "transcript": {
            "en": "Pieter Aalders, KFOR (in French): Our patrols protect every community, by day and by night.",
            "fr": "Pieter Aalders, KFOR : nos patrouilles protègent toutes les communautés, de jour comme de nuit.",
        },
    },
    {
        "asset": "Baltic air policing (demo footage)",
        "file": "air-policing",
        "date": (2023, 8, 22, 8, 0),
        "duration": 10,
        "release": "fighter-jets-take-over-baltic-air-policing",
        "people": ["jonas-berglund"],
        "topics": ["air-policing"],
        "slug": {"en": "baltic-air-policing-rotation", "fr": "rotation-de-la-police-du-ciel-balte"},
        "title": {
            "en": "Baltic air policing: a new rotation arrives (B-roll and soundbite)",
            "fr": "Police du ciel balte : arrivée d'une nouvelle rotation (images et extrait sonore)",
        },
        "summary": {
            "en": "Fighter aircraft over the Baltic coast, and a soundbite of the press officer.",
            "fr": "Des avions de chasse au-dessus de la côte balte, et un extrait sonore de l'officier de presse.",
        },
        "location": {"en": "Šiauliai Air Base, Lithuania", "fr": "Base aérienne de Šiauliai, Lituanie"},
        "shots": [
            (0.0, 5.0, "sky", {
                "en": "An aircraft crosses the sky above the hills.",
                "fr": "Un avion traverse le ciel au-dessus des collines.",
            }),
            (5.0, 10.0, "headquarters", {
                "en": "The press officer speaks in front of the base.",
                "fr": "L'officier de presse s'exprime devant la base.",
            }),
        ],
        "soundbite": {
            "start": 5.5, "end": 9.5, "language": "en", "speaker": "jonas-berglund",
            "audio": "air-policing.en.opus",
            "words": "Our job is to be there, every time, in any weather.",
            "subtitles": {"fr": "Notre travail, c'est d'être là, à chaque fois, par tous les temps."},
        },
        "transcript": {
            "en": "Jonas Berglund, press officer: Our job is to be there, every time, in any weather.",
            "fr": "Jonas Berglund, officier de presse (en anglais) : notre travail, c'est d'être là, à chaque fois, par tous les temps.",
        },
    },
    {
        "asset": "Solar power trial in a deployed camp (demo footage)",
        "file": "energy-trial",
        "date": (2024, 5, 14, 10, 0),
        "duration": 7,
        "release": "field-test-of-solar-power-for-deployed-camps",
        "people": ["lina-okafor"],
        "topics": ["climate-and-security", "innovation"],
        "slug": {"en": "solar-power-trial-in-a-deployed-camp", "fr": "essai-d-energie-solaire-dans-un-camp"},
        "title": {
            "en": "Solar power trial in a deployed camp (soundbite)",
            "fr": "Essai d'énergie solaire dans un camp déployé (extrait sonore)",
        },
        "summary": {
            "en": "The trial camp in Latvia, and a soundbite in French of the innovation programme manager.",
            "fr": "Le camp d'essai en Lettonie, et un extrait sonore de la responsable des programmes d'innovation.",
        },
        "location": {"en": "Ādaži, Latvia", "fr": "Ādaži, Lettonie"},
        "shots": [
            (0.0, 7.0, "landscape", {
                "en": "The programme manager speaks at the edge of the camp.",
                "fr": "La responsable du programme s'exprime en bordure du camp.",
            }),
        ],
        "soundbite": {
            "start": 1.0, "end": 6.0, "language": "fr", "speaker": "lina-okafor",
            "audio": "energy-trial.fr.opus",
            "words": "Le camp est plus calme la nuit, et consomme moins de carburant.",
            "subtitles": {"en": "The camp is quieter at night, and uses less fuel."},
        },
        "transcript": {
            "en": "Lina Okafor, innovation programme manager (in French): The camp is quieter at night, and uses less fuel.",
            "fr": "Lina Okafor, responsable des programmes d'innovation : le camp est plus calme la nuit, et consomme moins de carburant.",
        },
    },
]  # fmt: skip
