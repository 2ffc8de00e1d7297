"""The demo's two galleries: the seed release's meeting, and the Baltic air
policing rotation. Captions are our own wording; photos are generated and
credited to a fictional desk ("demo"), as the README says."""

CREDIT = "NATO Photo Desk (demo)"
COPYRIGHT = "© NATO (demo content, generated picture)"

GALLERIES = [
    {
        "slug": {
            "en": "secretary-general-meets-vjosa-osmani-photos",
            "fr": "le-secretaire-general-recoit-vjosa-osmani-photos",
        },
        "title": {
            "en": "Secretary General meets Vjosa Osmani: photos",
            "fr": "Le secrétaire général reçoit Vjosa Osmani : photos",
        },
        "summary": {
            "en": "Arrival and talks at NATO Headquarters.",
            "fr": "Arrivée et entretien au siège de l'OTAN.",
        },
        "place": {"en": "Brussels, Belgium", "fr": "Bruxelles, Belgique"},
        "date": (2023, 9, 7, 11, 0),
        "people": ["jens-stoltenberg", "vjosa-osmani"],
        "topics": ["kfor"],
        "release": "secretary-general-meets-vjosa-osmani",
        "video": "secretary-general-meets-vjosa-osmani-video",
        "scene": "meeting",
        "city": "Brussels",
        "country": "Belgium",
        "photos": [
            {
                "file": "osmani-arrival.jpg",
                "time": "104500+0200",
                "en": "The Secretary General welcomes the President of Kosovo at NATO Headquarters.",
                "fr": "Le secrétaire général accueille la présidente du Kosovo au siège de l'OTAN.",
            },
            {
                "file": "osmani-talks.jpg",
                "time": "110500+0200",
                "en": "Delegations meet for talks on KFOR and the region.",
                "fr": "Les délégations s'entretiennent de la KFOR et de la région.",
            },
            {
                "file": "osmani-discussion.jpg",
                "time": "120000+0200",
                "en": "The Secretary General and Vjosa Osmani discuss the recent tensions in the north of Kosovo.",
                "fr": "Le secrétaire général et Vjosa Osmani discutent des tensions récentes dans le nord du Kosovo.",
            },
        ],
    },
    {
        "slug": {
            "en": "baltic-air-policing-rotation-photos",
            "fr": "rotation-de-la-police-du-ciel-balte-photos",
        },
        "title": {
            "en": "Baltic air policing: the new rotation in pictures",
            "fr": "Police du ciel balte : la nouvelle rotation en images",
        },
        "summary": {
            "en": "Fighter jets arrive at Šiauliai air base to take over the mission.",
            "fr": "Des avions de chasse arrivent à la base aérienne de Šiauliai pour prendre le relais.",
        },
        "place": {"en": "Šiauliai, Lithuania", "fr": "Šiauliai, Lituanie"},
        "date": (2024, 4, 2, 9, 30),
        "people": ["jonas-berglund"],
        "topics": ["air-policing"],
        "release": "fighter-jets-take-over-baltic-air-policing",
        "video": "baltic-air-policing-rotation",
        "scene": "airfield",
        "city": "Šiauliai",
        "country": "Lithuania",
        "photos": [
            {
                "file": "air-policing-arrival.jpg",
                "time": "093000+0300",
                "en": "The first jets of the new rotation over the air base.",
                "fr": "Les premiers avions de la nouvelle rotation au-dessus de la base.",
            },
            {
                "file": "air-policing-runway.jpg",
                "time": "101500+0300",
                "en": "Landing on the main runway.",
                "fr": "Atterrissage sur la piste principale.",
            },
        ],
    },
]
