"""The demo newsroom's press releases, 2023–2026, written for this project in both
languages. Real events and places carry over; the wording is ours. No real person
is quoted here: the quotes are the fictional spokespeople's (``people.py``)."""

import datetime


def P(text: str) -> tuple:
    return ("paragraph", text)


def Q(speaker: str, text: str) -> tuple:
    return ("quote", speaker, text)


def K(figure: str, description: str) -> tuple:
    return ("key_figure", (figure, description))


def release(day, hour, scene, topics, people, en, fr) -> dict:
    """``en`` and ``fr``: (slug, location, title, standfirst, body blocks)."""
    result = {
        "date": datetime.datetime(*day, hour, 0),
        "scene": scene,
        "topics": topics,
        "people": people,
    }
    for field, index in (("slug", 0), ("location", 1), ("title", 2), ("standfirst", 3),
                         ("body", 4)):  # fmt: skip
        result[field] = {"en": en[index], "fr": fr[index]}
    return result


RELEASES = [
    release((2023, 1, 18), 10, "town", ["kfor", "kosovo"], ["pieter-aalders"], (
        "kfor-patrols-in-northern-kosovo-in-winter", "Pristina",
        "KFOR keeps up its patrols in northern Kosovo through the winter",
        "Soldiers of the NATO-led Kosovo Force patrol the roads and villages of the north by day and by night, in snow and in fog.",
        [P("KFOR units from several Allied and partner nations share the patrols, which run along the main roads and the crossing points of the north. Patrols stop in villages to speak with residents and local officials."),
         P("KFOR operates under United Nations Security Council Resolution 1244 of 1999. Its task is to contribute to a safe and secure environment and freedom of movement for all communities in Kosovo.")],
    ), (
        "la-kfor-poursuit-ses-patrouilles-dans-le-nord-du-kosovo-en-hiver", "Pristina",
        "La KFOR poursuit ses patrouilles dans le nord du Kosovo pendant l'hiver",
        "Les soldats de la Force pour le Kosovo dirigée par l'OTAN patrouillent sur les routes et dans les villages du nord, de jour comme de nuit, dans la neige et le brouillard.",
        [P("Des unités de la KFOR issues de plusieurs pays alliés et partenaires se partagent les patrouilles, qui suivent les grands axes et les points de passage du nord. Elles s'arrêtent dans les villages pour échanger avec les habitants et les élus locaux."),
         P("La KFOR agit en vertu de la résolution 1244 du Conseil de sécurité des Nations unies, adoptée en 1999. Sa mission est de contribuer à un environnement sûr et sécurisé et à la liberté de circulation de toutes les communautés du Kosovo.")],
    )),
    release((2023, 3, 2), 14, "landscape", ["innovation"], ["lina-okafor"], (
        "innovation-challenge-opens-to-start-ups", "Brussels",
        "Innovation challenge opens to start-ups from every Allied country",
        "Young companies are invited to propose ways of keeping power supplies running for deployed forces, with less fuel and less noise.",
        [P("The challenge is open until the end of April. Shortlisted teams will present their ideas to a panel of engineers and military users, and the best proposals will be tested in the field later in the year."),
         Q("lina-okafor", "Every litre of fuel we do not have to carry to a camp is a convoy we do not have to protect. We want ideas that work in mud, in heat and in the cold."),
         K("31", "Allied countries whose start-ups may apply")],
    ), (
        "un-defi-d-innovation-ouvert-aux-jeunes-pousses", "Bruxelles",
        "Un défi d'innovation ouvert aux jeunes pousses de tous les pays alliés",
        "Les jeunes entreprises sont invitées à proposer des moyens d'alimenter en électricité les forces déployées, avec moins de carburant et moins de bruit.",
        [P("Le défi est ouvert jusqu'à la fin avril. Les équipes présélectionnées présenteront leurs idées à un jury d'ingénieurs et d'utilisateurs militaires, et les meilleures propositions seront testées sur le terrain plus tard dans l'année."),
         Q("lina-okafor", "Chaque litre de carburant que nous n'avons pas à acheminer vers un camp, c'est un convoi que nous n'avons pas à protéger. Nous cherchons des idées qui fonctionnent dans la boue, la chaleur et le froid."),
         K("31", "pays alliés dont les jeunes pousses peuvent candidater")],
    )),
    release((2023, 4, 4), 16, "headquarters", ["partnerships", "defence-and-deterrence"], ["jens-stoltenberg"], (
        "finland-becomes-the-31st-ally", "Brussels",
        "Finland becomes the 31st member of the Alliance",
        "The flag of Finland was raised at NATO Headquarters on 4 April 2023, the Alliance's anniversary, after Finland deposited its instrument of accession in Washington.",
        [P("Secretary General Jens Stoltenberg welcomed Finland's foreign minister to the flag-raising ceremony in front of the Headquarters, in the presence of Allied ambassadors."),
         P("Finland brings to the Alliance well-trained forces, a long experience of total defence and more than 1,300 kilometres of border."),
         K("31", "Allies after Finland's accession")],
    ), (
        "la-finlande-devient-le-31e-allie", "Bruxelles",
        "La Finlande devient le 31e membre de l'Alliance",
        "Le drapeau finlandais a été hissé au siège de l'OTAN le 4 avril 2023, jour anniversaire de l'Alliance, après le dépôt par la Finlande de son instrument d'adhésion à Washington.",
        [P("Le secrétaire général, Jens Stoltenberg, a accueilli le ministre finlandais des Affaires étrangères pour la cérémonie de lever du drapeau devant le siège, en présence des ambassadeurs des pays alliés."),
         P("La Finlande apporte à l'Alliance des forces bien entraînées, une longue expérience de la défense globale et plus de 1 300 kilomètres de frontière."),
         K("31", "Alliés après l'adhésion de la Finlande")],
    )),
    release((2023, 6, 5), 11, "town", ["kfor", "peacekeeping"], ["pieter-aalders"], (
        "additional-troops-arrive-to-reinforce-kfor", "Pristina",
        "Additional troops arrive to reinforce KFOR",
        "Units from the Operational Reserve Force for the Western Balkans are arriving in Kosovo after the violence of late May in the north.",
        [P("The reserve units will be placed under KFOR's command and will patrol alongside the soldiers already deployed. They train for exactly this kind of rapid reinforcement."),
         Q("pieter-aalders", "Our soldiers are here to protect every community. We ask everyone to keep the roads open and to settle differences through dialogue, not in the street.")],
    ), (
        "des-renforts-arrivent-pour-la-kfor", "Pristina",
        "Des renforts arrivent pour la KFOR",
        "Des unités de la force de réserve opérationnelle pour les Balkans occidentaux arrivent au Kosovo après les violences de la fin mai dans le nord.",
        [P("Les unités de réserve seront placées sous le commandement de la KFOR et patrouilleront aux côtés des soldats déjà déployés. Elles s'entraînent précisément pour ce type de renfort rapide."),
         Q("pieter-aalders", "Nos soldats sont là pour protéger toutes les communautés. Nous demandons à chacun de laisser les routes ouvertes et de régler les différends par le dialogue, pas dans la rue.")],
    )),
    release((2023, 7, 12), 18, "room", ["summits", "ukraine"], ["jens-stoltenberg"], (
        "vilnius-summit-nato-ukraine-council-meets-for-the-first-time", "Vilnius",
        "Vilnius Summit: the NATO-Ukraine Council meets for the first time",
        "On the second day of the summit in Vilnius, Allied leaders and the President of Ukraine sat together as equals in the new NATO-Ukraine Council.",
        [P("The Council replaces the NATO-Ukraine Commission. It is a forum for consultation and for decisions on matters of common concern, and it can be convened at Ukraine's request in a crisis."),
         P("Leaders also agreed a multi-year package of assistance to help Ukraine's forces move to Allied standards and work with Allied forces.")],
    ), (
        "sommet-de-vilnius-premiere-reunion-du-conseil-otan-ukraine", "Vilnius",
        "Sommet de Vilnius : première réunion du Conseil OTAN-Ukraine",
        "Au deuxième jour du sommet de Vilnius, les dirigeants des pays alliés et le président ukrainien ont siégé sur un pied d'égalité au sein du nouveau Conseil OTAN-Ukraine.",
        [P("Le Conseil remplace la Commission OTAN-Ukraine. C'est une enceinte de consultation et de décision sur les questions d'intérêt commun, qui peut être réunie à la demande de l'Ukraine en cas de crise."),
         P("Les dirigeants ont également approuvé un programme d'assistance pluriannuel pour aider les forces ukrainiennes à passer aux normes alliées et à travailler avec les forces des Alliés.")],
    )),
    release((2023, 8, 22), 9, "sky", ["air-policing"], ["jonas-berglund"], (
        "fighter-jets-take-over-baltic-air-policing", "Šiauliai",
        "New rotation of fighter jets takes over Baltic air policing",
        "A fresh detachment of Allied fighter aircraft has arrived at Šiauliai Air Base in Lithuania to protect the airspace of Estonia, Latvia and Lithuania.",
        [P("Baltic air policing has run without a break since 2004. Allies take turns sending aircraft and crews, who stand ready around the clock to scramble within minutes."),
         Q("jonas-berglund", "Most scrambles end with a quick look at an aircraft that has switched off its transponder. Our job is to be there, every time, in any weather.")],
    ), (
        "une-nouvelle-rotation-d-avions-de-chasse-pour-la-police-du-ciel-balte", "Šiauliai",
        "Une nouvelle rotation d'avions de chasse prend le relais de la police du ciel balte",
        "Un nouveau détachement d'avions de chasse alliés est arrivé sur la base aérienne de Šiauliai, en Lituanie, pour protéger l'espace aérien de l'Estonie, de la Lettonie et de la Lituanie.",
        [P("La police du ciel balte fonctionne sans interruption depuis 2004. Les Alliés envoient à tour de rôle des avions et des équipages, prêts à décoller en quelques minutes, jour et nuit."),
         Q("jonas-berglund", "La plupart des décollages sur alerte se terminent par un simple contrôle d'un avion qui a coupé son transpondeur. Notre travail, c'est d'être là, à chaque fois, par tous les temps.")],
    )),
    release((2023, 10, 16), 10, "town", ["kfor", "kosovo"], ["elise-marchetti"], (
        "kfor-strengthens-its-presence-in-the-north", "Brussels",
        "KFOR strengthens its presence in the north of Kosovo",
        "More troops and more patrols: KFOR is adjusting its posture in the north after a serious attack near the village of Banjska in September.",
        [P("Additional units have been placed under KFOR's command and will stay as long as needed. The force coordinates closely with the Kosovo Police and with the European Union's rule-of-law mission."),
         Q("elise-marchetti", "KFOR will continue to act impartially, with all the means it needs, to keep every community safe.")],
    ), (
        "la-kfor-renforce-sa-presence-dans-le-nord", "Bruxelles",
        "La KFOR renforce sa présence dans le nord du Kosovo",
        "Davantage de soldats et de patrouilles : la KFOR adapte son dispositif dans le nord après une grave attaque près du village de Banjska en septembre.",
        [P("Des unités supplémentaires ont été placées sous le commandement de la KFOR et resteront aussi longtemps que nécessaire. La force se coordonne étroitement avec la police du Kosovo et avec la mission État de droit de l'Union européenne."),
         Q("elise-marchetti", "La KFOR continuera d'agir en toute impartialité, avec tous les moyens nécessaires, pour assurer la sécurité de chaque communauté.")],
    )),
    release((2023, 11, 28), 15, "room", ["partnerships", "western-balkans"], ["jens-stoltenberg"], (
        "foreign-ministers-discuss-the-western-balkans", "Brussels",
        "Foreign ministers discuss stability in the Western Balkans",
        "Meeting in Brussels, Allied foreign ministers reviewed the situation in the Western Balkans with partners from the region.",
        [P("Ministers underlined the importance of the EU-facilitated Dialogue between Belgrade and Pristina and of reforms in Bosnia and Herzegovina."),
         P("The region's partners briefed ministers on their cooperation with the Alliance, from disaster response to defence reform.")],
    ), (
        "les-ministres-des-affaires-etrangeres-et-les-balkans-occidentaux", "Bruxelles",
        "Les ministres des Affaires étrangères examinent la stabilité des Balkans occidentaux",
        "Réunis à Bruxelles, les ministres des Affaires étrangères des pays alliés ont fait le point sur la situation dans les Balkans occidentaux avec des partenaires de la région.",
        [P("Les ministres ont souligné l'importance du dialogue entre Belgrade et Pristina facilité par l'Union européenne, ainsi que des réformes en Bosnie-Herzégovine."),
         P("Les partenaires de la région ont présenté aux ministres leur coopération avec l'Alliance, de la réponse aux catastrophes à la réforme de la défense.")],
    )),
    release((2024, 1, 24), 9, "sea", ["exercises"], ["elise-marchetti"], (
        "steadfast-defender-2024-begins", "Mons",
        "Steadfast Defender 2024, the largest exercise in decades, begins",
        "Some 90,000 personnel from all Allies will train until the end of May to reinforce Europe across the Atlantic and across the continent.",
        [P("The exercise rehearses the Alliance's new regional defence plans. Ships, aircraft and land forces will move from North America to Europe and across Europe, from the far north to the east."),
         K("90,000", "personnel taking part"),
         Q("elise-marchetti", "Moving this many people and this much equipment is a test of roads, ports and railways as much as of soldiers.")],
    ), (
        "debut-de-steadfast-defender-2024", "Mons",
        "Début de Steadfast Defender 2024, le plus grand exercice depuis des décennies",
        "Quelque 90 000 militaires de tous les pays alliés s'entraîneront jusqu'à la fin mai pour renforcer l'Europe à travers l'Atlantique et sur tout le continent.",
        [P("L'exercice met en pratique les nouveaux plans de défense régionaux de l'Alliance. Navires, avions et forces terrestres se déplaceront de l'Amérique du Nord vers l'Europe et à travers l'Europe, du Grand Nord jusqu'à l'est."),
         K("90 000", "militaires engagés"),
         Q("elise-marchetti", "Déplacer autant de personnes et de matériel, c'est mettre à l'épreuve les routes, les ports et les voies ferrées autant que les soldats.")],
    )),
    release((2024, 3, 11), 12, "headquarters", ["partnerships", "defence-and-deterrence"], ["jens-stoltenberg"], (
        "sweden-joins-the-alliance", "Brussels",
        "Sweden's flag raised at NATO Headquarters",
        "Sweden became the 32nd Ally on 7 March 2024; its flag was raised at NATO Headquarters in a ceremony four days later.",
        [P("The ceremony was attended by Sweden's Prime Minister and by Secretary General Jens Stoltenberg. With Sweden, all the countries around the Baltic Sea but one are members of the Alliance."),
         K("32", "Allies after Sweden's accession")],
    ), (
        "la-suede-rejoint-l-alliance", "Bruxelles",
        "Le drapeau suédois hissé au siège de l'OTAN",
        "La Suède est devenue le 32e pays allié le 7 mars 2024 ; son drapeau a été hissé au siège de l'OTAN lors d'une cérémonie quatre jours plus tard.",
        [P("Le Premier ministre suédois et le secrétaire général, Jens Stoltenberg, ont assisté à la cérémonie. Avec la Suède, tous les pays riverains de la mer Baltique sauf un sont membres de l'Alliance."),
         K("32", "Alliés après l'adhésion de la Suède")],
    )),
    release((2024, 4, 4), 10, "headquarters", ["summits"], [], (
        "the-alliance-turns-75", "Brussels",
        "The Alliance turns 75",
        "On 4 April 1949, twelve countries signed the North Atlantic Treaty in Washington. Seventy-five years later, the Alliance counts 32 members.",
        [P("Staff at NATO Headquarters marked the anniversary with an exhibition of documents and photographs from the Alliance's archives, open to visiting journalists throughout April."),
         K("12", "founding members in 1949"), K("32", "members in 2024")],
    ), (
        "l-alliance-a-75-ans", "Bruxelles",
        "L'Alliance a 75 ans",
        "Le 4 avril 1949, douze pays signaient le traité de l'Atlantique Nord à Washington. Soixante-quinze ans plus tard, l'Alliance compte 32 membres.",
        [P("Au siège de l'OTAN, une exposition de documents et de photographies tirés des archives de l'Alliance marque l'anniversaire ; elle est ouverte aux journalistes tout au long du mois d'avril."),
         K("12", "membres fondateurs en 1949"), K("32", "membres en 2024")],
    )),
    release((2024, 5, 14), 11, "landscape", ["climate-and-security", "exercises"], ["lina-okafor"], (
        "field-test-of-solar-power-for-deployed-camps", "Ādaži",
        "Field test of solar power and batteries for deployed camps",
        "Three winning teams of last year's innovation challenge have installed their systems at a training camp in Latvia for a month of trials.",
        [P("The systems run lighting, heating and communications for a company-sized camp. Engineers measure how much fuel the generators save and how the batteries cope with cold nights."),
         Q("lina-okafor", "After two weeks, the generators run half as long as before. The soldiers mostly notice that the camp is quieter at night."),
         K("50%", "less generator running time after two weeks")],
    ), (
        "essai-sur-le-terrain-d-energie-solaire-pour-les-camps", "Ādaži",
        "Essai sur le terrain d'énergie solaire et de batteries pour les camps déployés",
        "Trois équipes lauréates du défi d'innovation de l'an dernier ont installé leurs systèmes dans un camp d'entraînement en Lettonie pour un mois d'essais.",
        [P("Les systèmes alimentent l'éclairage, le chauffage et les communications d'un camp de la taille d'une compagnie. Les ingénieurs mesurent le carburant économisé par les groupes électrogènes et le comportement des batteries pendant les nuits froides."),
         Q("lina-okafor", "Au bout de deux semaines, les groupes électrogènes tournent deux fois moins longtemps qu'avant. Les soldats remarquent surtout que le camp est plus calme la nuit."),
         K("50 %", "de temps de fonctionnement des groupes électrogènes en moins après deux semaines")],
    )),
    release((2024, 6, 12), 10, "town", ["kfor", "peacekeeping"], ["pieter-aalders"], (
        "kfor-marks-25-years-in-kosovo", "Pristina",
        "KFOR marks 25 years in Kosovo",
        "On 12 June 1999, the first KFOR troops entered Kosovo. A quarter of a century later, soldiers from 27 countries still serve in the mission.",
        [P("A ceremony at Camp Film City brought together serving soldiers, veterans and representatives of all communities in Kosovo."),
         Q("pieter-aalders", "Many of our soldiers were not born when KFOR arrived. They serve with the same purpose: a safe and secure environment for everyone."),
         K("25", "years of KFOR")],
    ), (
        "la-kfor-celebre-25-ans-au-kosovo", "Pristina",
        "La KFOR célèbre 25 ans de présence au Kosovo",
        "Le 12 juin 1999, les premiers soldats de la KFOR entraient au Kosovo. Un quart de siècle plus tard, des militaires de 27 pays servent toujours dans la mission.",
        [P("Une cérémonie au camp Film City a réuni des soldats en service, des anciens de la mission et des représentants de toutes les communautés du Kosovo."),
         Q("pieter-aalders", "Beaucoup de nos soldats n'étaient pas nés quand la KFOR est arrivée. Ils servent avec le même but : un environnement sûr et sécurisé pour tous."),
         K("25", "ans de KFOR")],
    )),
    release((2024, 7, 10), 19, "room", ["summits", "ukraine"], ["jens-stoltenberg"], (
        "washington-summit-leaders-agree-support-for-ukraine", "Washington",
        "Washington Summit: leaders agree to lead the coordination of support for Ukraine",
        "In the city where the Treaty was signed 75 years ago, Allied leaders decided that NATO will coordinate security assistance and training for Ukraine.",
        [P("The new command, based in Wiesbaden, Germany, will coordinate the delivery of equipment and the training of Ukrainian personnel in Allied countries."),
         P("Leaders also welcomed that a large majority of Allies now spend at least two per cent of their gross domestic product on defence.")],
    ), (
        "sommet-de-washington-soutien-a-l-ukraine", "Washington",
        "Sommet de Washington : les dirigeants confient à l'OTAN la coordination du soutien à l'Ukraine",
        "Dans la ville où le Traité a été signé il y a 75 ans, les dirigeants des pays alliés ont décidé que l'OTAN coordonnerait l'assistance de sécurité et la formation au profit de l'Ukraine.",
        [P("Le nouveau commandement, installé à Wiesbaden, en Allemagne, coordonnera les livraisons d'équipements et la formation du personnel ukrainien dans les pays alliés."),
         P("Les dirigeants se sont également félicités qu'une large majorité d'Alliés consacrent désormais au moins deux pour cent de leur produit intérieur brut à la défense.")],
    )),
    release((2024, 9, 19), 14, "sky", ["air-policing"], ["jonas-berglund"], (
        "air-policing-jets-scramble-over-the-baltic-sea", "Ämari",
        "Air policing jets scramble twice over the Baltic Sea in one week",
        "Fighter aircraft on alert at Ämari Air Base in Estonia were launched twice to identify aircraft flying without a flight plan near Allied airspace.",
        [P("In both cases the aircraft were identified, followed at a safe distance and left the area. The intercepts followed standard procedures."),
         Q("jonas-berglund", "An intercept is a routine job done with great care: we identify, we escort, we report.")],
    ), (
        "double-decollage-sur-alerte-au-dessus-de-la-baltique", "Ämari",
        "Deux décollages sur alerte en une semaine au-dessus de la mer Baltique",
        "Les avions de chasse en alerte sur la base aérienne d'Ämari, en Estonie, ont décollé deux fois pour identifier des appareils volant sans plan de vol à proximité de l'espace aérien allié.",
        [P("Dans les deux cas, les appareils ont été identifiés, suivis à distance de sécurité, puis ont quitté la zone. Les interceptions ont suivi les procédures habituelles."),
         Q("jonas-berglund", "Une interception est un travail de routine mené avec beaucoup de soin : nous identifions, nous escortons, nous rendons compte.")],
    )),
    release((2024, 10, 1), 11, "headquarters", ["summits"], ["mark-rutte", "jens-stoltenberg"], (
        "mark-rutte-takes-office-as-secretary-general", "Brussels",
        "Mark Rutte takes office as Secretary General",
        "Mark Rutte, former Prime Minister of the Netherlands, took office as the Alliance's Secretary General on 1 October 2024, succeeding Jens Stoltenberg.",
        [P("Mr Rutte was welcomed at NATO Headquarters by his predecessor, laid a wreath at the memorial to fallen personnel and addressed the North Atlantic Council."),
         P("Jens Stoltenberg had led the Alliance for ten years, since October 2014.")],
    ), (
        "mark-rutte-prend-ses-fonctions-de-secretaire-general", "Bruxelles",
        "Mark Rutte prend ses fonctions de secrétaire général",
        "Mark Rutte, ancien Premier ministre des Pays-Bas, a pris ses fonctions de secrétaire général de l'Alliance le 1er octobre 2024, succédant à Jens Stoltenberg.",
        [P("M. Rutte a été accueilli au siège de l'OTAN par son prédécesseur, a déposé une gerbe au mémorial dédié aux personnels morts en service et s'est adressé au Conseil de l'Atlantique Nord."),
         P("Jens Stoltenberg avait dirigé l'Alliance pendant dix ans, depuis octobre 2014.")],
    )),
    release((2024, 11, 6), 10, "landscape", ["exercises"], ["pieter-aalders"], (
        "multinational-training-group-completes-its-first-course", "Grafenwöhr",
        "Multinational training group completes its first course",
        "Instructors from eight Allies ran a six-week course in Germany for junior officers, on planning and leading operations in a multinational unit.",
        [P("The course mixes classroom work and field exercises in all weather. Participants plan in one language and execute in another, as they would in a real multinational headquarters."),
         Q("pieter-aalders", "A plan that only works in your own language is not a plan yet. Here, officers learn to command with people they met a month ago."),
         K("8", "Allies providing instructors")],
    ), (
        "le-groupe-d-entrainement-multinational-acheve-son-premier-stage", "Grafenwöhr",
        "Le groupe d'entraînement multinational achève son premier stage",
        "Des instructeurs de huit pays alliés ont animé en Allemagne un stage de six semaines pour de jeunes officiers, consacré à la planification et à la conduite d'opérations dans une unité multinationale.",
        [P("Le stage alterne travail en salle et exercices sur le terrain par tous les temps. Les participants planifient dans une langue et exécutent dans une autre, comme dans un véritable état-major multinational."),
         Q("pieter-aalders", "Un plan qui ne fonctionne que dans sa propre langue n'est pas encore un plan. Ici, les officiers apprennent à commander avec des gens rencontrés il y a un mois."),
         K("8", "pays alliés fournissant des instructeurs")],
    )),
    release((2024, 12, 4), 17, "room", ["ukraine", "partnerships"], ["mark-rutte"], (
        "foreign-ministers-meet-with-ukraine", "Brussels",
        "Foreign ministers meet in the NATO-Ukraine Council",
        "At their December meeting, Allied foreign ministers met Ukraine's foreign minister in the NATO-Ukraine Council, chaired by Secretary General Mark Rutte.",
        [P("Ministers discussed Ukraine's most urgent needs ahead of winter, in particular air defence and the protection of the energy grid."),
         P("The Council also reviewed the first months of work of the NATO command in Wiesbaden that coordinates assistance and training.")],
    ), (
        "les-ministres-des-affaires-etrangeres-reunis-avec-l-ukraine", "Bruxelles",
        "Les ministres des Affaires étrangères réunis au sein du Conseil OTAN-Ukraine",
        "Lors de leur réunion de décembre, les ministres des Affaires étrangères des pays alliés ont rencontré leur homologue ukrainien au sein du Conseil OTAN-Ukraine, présidé par le secrétaire général, Mark Rutte.",
        [P("Les ministres ont examiné les besoins les plus urgents de l'Ukraine avant l'hiver, en particulier la défense aérienne et la protection du réseau électrique."),
         P("Le Conseil a également fait le bilan des premiers mois de travail du commandement de l'OTAN à Wiesbaden, qui coordonne l'assistance et la formation.")],
    )),
    release((2025, 1, 14), 13, "sea", ["defence-and-deterrence"], ["mark-rutte", "elise-marchetti"], (
        "baltic-sentry-launched-to-protect-undersea-infrastructure", "Helsinki",
        "Baltic Sentry launched to protect undersea infrastructure",
        "After damage to undersea cables in the Baltic Sea, Allies will step up their presence with ships, patrol aircraft and naval drones.",
        [P("The activity was announced in Helsinki at a meeting of Allies bordering the Baltic Sea. It brings together surveillance from the air, the sea surface and under water, and shares what is seen with national authorities."),
         Q("elise-marchetti", "Cables and pipelines on the seabed carry our electricity, our data and our gas. Watching over them is now part of everyday defence.")],
    ), (
        "lancement-de-baltic-sentry-pour-proteger-les-infrastructures-sous-marines", "Helsinki",
        "Lancement de Baltic Sentry pour protéger les infrastructures sous-marines",
        "Après des dommages subis par des câbles sous-marins en mer Baltique, les Alliés vont renforcer leur présence avec des navires, des avions de patrouille et des drones navals.",
        [P("L'activité a été annoncée à Helsinki lors d'une réunion des Alliés riverains de la mer Baltique. Elle combine une surveillance depuis les airs, la surface et sous la mer, et partage les informations recueillies avec les autorités nationales."),
         Q("elise-marchetti", "Les câbles et les gazoducs posés sur les fonds marins transportent notre électricité, nos données et notre gaz. Veiller sur eux fait désormais partie de la défense au quotidien.")],
    )),
    release((2025, 2, 27), 10, "town", ["kosovo", "western-balkans"], ["elise-marchetti"], (
        "kosovo-votes-kfor-ready-to-support", "Brussels",
        "Elections in Kosovo: KFOR ready to support a calm vote",
        "KFOR followed the parliamentary elections of 9 February closely, in support of the Kosovo Police, who are first responsible for security.",
        [P("KFOR increased its patrols in the days before and after the vote and stayed in close contact with all communities and with the European Union's mission."),
         Q("elise-marchetti", "The vote took place in a calm atmosphere. We commend the people of Kosovo and the institutions that made it possible.")],
    ), (
        "elections-au-kosovo-la-kfor-prete-a-soutenir-un-scrutin-calme", "Bruxelles",
        "Élections au Kosovo : la KFOR prête à soutenir un scrutin dans le calme",
        "La KFOR a suivi de près les élections législatives du 9 février, en appui de la police du Kosovo, première responsable de la sécurité.",
        [P("La KFOR a intensifié ses patrouilles dans les jours précédant et suivant le scrutin et est restée en contact étroit avec toutes les communautés ainsi qu'avec la mission de l'Union européenne."),
         Q("elise-marchetti", "Le vote s'est déroulé dans le calme. Nous saluons la population du Kosovo et les institutions qui l'ont rendu possible.")],
    )),
    release((2025, 3, 19), 9, "landscape", ["innovation"], ["lina-okafor"], (
        "innovation-accelerator-selects-new-companies", "Tallinn",
        "Innovation accelerator selects new companies for its 2025 programme",
        "Companies selected this year work on energy resilience, sensing, and the secure sharing of data between forces.",
        [P("Each company receives funding and access to test centres in Allied countries, where military users try the technology in realistic conditions."),
         Q("lina-okafor", "We look for people who solve a hard problem for everyone, civilians and soldiers alike.")],
    ), (
        "l-accelerateur-d-innovation-selectionne-de-nouvelles-entreprises", "Tallinn",
        "L'accélérateur d'innovation sélectionne de nouvelles entreprises pour son programme 2025",
        "Les entreprises retenues cette année travaillent sur la résilience énergétique, les capteurs et le partage sécurisé de données entre les forces.",
        [P("Chaque entreprise reçoit un financement et un accès à des centres d'essai dans les pays alliés, où des utilisateurs militaires testent la technologie en conditions réelles."),
         Q("lina-okafor", "Nous cherchons des personnes qui résolvent un problème difficile pour tout le monde, civils comme militaires.")],
    )),
    release((2025, 5, 21), 15, "sky", ["air-policing", "defence-and-deterrence"], ["jonas-berglund"], (
        "air-policing-in-the-high-north", "Keflavík",
        "Allied aircraft return to Iceland for air policing",
        "A detachment of fighter aircraft and around a hundred personnel is deployed to Keflavík to keep watch over Iceland's airspace for the coming weeks.",
        [P("Iceland has no air force of its own; Allies have taken turns to police its airspace since 2008."),
         Q("jonas-berglund", "The weather here changes by the hour. Crews train to take off in wind and rain that would keep most airports closed.")],
    ), (
        "police-du-ciel-en-islande", "Keflavík",
        "Des avions alliés de retour en Islande pour la police du ciel",
        "Un détachement d'avions de chasse et une centaine de militaires sont déployés à Keflavík pour surveiller l'espace aérien islandais pendant les prochaines semaines.",
        [P("L'Islande n'a pas d'armée de l'air ; les Alliés assurent à tour de rôle la police de son ciel depuis 2008."),
         Q("jonas-berglund", "Ici, la météo change d'heure en heure. Les équipages s'entraînent à décoller avec un vent et une pluie qui fermeraient la plupart des aéroports.")],
    )),
    release((2025, 6, 25), 18, "room", ["summits"], ["mark-rutte"], (
        "the-hague-summit-allies-agree-new-defence-investment-goal", "The Hague",
        "The Hague Summit: Allies agree a new goal for defence investment",
        "Allied leaders meeting in The Hague committed to invest five per cent of their gross domestic product a year in defence and security by 2035.",
        [P("At least three and a half per cent will go to core defence requirements; up to one and a half per cent to protecting critical infrastructure, civil preparedness, innovation and the defence industry."),
         K("5%", "of GDP a year by 2035"), K("3.5%", "for core defence requirements")],
    ), (
        "sommet-de-la-haye-un-nouvel-objectif-d-investissement", "La Haye",
        "Sommet de La Haye : les Alliés s'accordent sur un nouvel objectif d'investissement de défense",
        "Réunis à La Haye, les dirigeants des pays alliés se sont engagés à consacrer chaque année cinq pour cent de leur produit intérieur brut à la défense et à la sécurité d'ici à 2035.",
        [P("Au moins trois et demi pour cent iront aux besoins essentiels de défense ; jusqu'à un et demi pour cent à la protection des infrastructures critiques, à la préparation civile, à l'innovation et à l'industrie de défense."),
         K("5 %", "du PIB par an d'ici à 2035"), K("3,5 %", "pour les besoins essentiels de défense")],
    )),
    release((2025, 7, 8), 10, "landscape", ["climate-and-security"], ["lina-okafor"], (
        "heat-and-readiness-new-guidance-for-exercises", "Brussels",
        "Heat and readiness: new guidance for exercises in hot summers",
        "A short guide for planners describes how to keep training safely when temperatures climb: earlier hours, shade, water, and equipment that copes with heat.",
        [P("The guidance draws on measurements taken during exercises in southern Europe over the last three summers."),
         Q("lina-okafor", "Heat is now a planning factor, like terrain or distance. The guide turns what units learned the hard way into simple rules.")],
    ), (
        "chaleur-et-disponibilite-nouvelles-consignes-pour-les-exercices", "Bruxelles",
        "Chaleur et disponibilité : de nouvelles consignes pour les exercices en été",
        "Un court guide destiné aux planificateurs décrit comment continuer à s'entraîner en sécurité quand les températures montent : horaires avancés, ombre, eau et matériel adapté à la chaleur.",
        [P("Le guide s'appuie sur des mesures relevées lors d'exercices dans le sud de l'Europe au cours des trois derniers étés."),
         Q("lina-okafor", "La chaleur est désormais un facteur de planification, comme le terrain ou la distance. Le guide transforme en règles simples ce que les unités ont appris à leurs dépens.")],
    )),
    release((2025, 9, 12), 16, "sky", ["air-policing", "defence-and-deterrence"], ["mark-rutte", "jonas-berglund"], (
        "eastern-sentry-strengthens-the-eastern-flank", "Brussels",
        "Eastern Sentry strengthens air defence on the eastern flank",
        "After drones entered Polish airspace, Allies are sending additional aircraft and air defence to the eastern flank under a new activity, Eastern Sentry.",
        [P("Several Allies have offered fighter aircraft, air defence systems and surveillance. The activity is flexible and can move where it is needed along the flank."),
         Q("jonas-berglund", "Drones are small, slow and many. Finding them takes every sensor we have, on the ground and in the air.")],
    ), (
        "eastern-sentry-renforce-le-flanc-est", "Bruxelles",
        "Eastern Sentry renforce la défense aérienne du flanc est",
        "Après l'intrusion de drones dans l'espace aérien polonais, les Alliés envoient des avions et des moyens de défense aérienne supplémentaires sur le flanc est dans le cadre d'une nouvelle activité, Eastern Sentry.",
        [P("Plusieurs Alliés ont proposé des avions de chasse, des systèmes de défense aérienne et des moyens de surveillance. L'activité est modulable et peut se déplacer là où elle est nécessaire le long du flanc."),
         Q("jonas-berglund", "Les drones sont petits, lents et nombreux. Pour les repérer, il faut tous nos capteurs, au sol comme dans les airs.")],
    )),
    release((2025, 10, 22), 11, "sea", ["exercises"], ["elise-marchetti"], (
        "ships-and-submarines-train-in-the-north-atlantic", "Northwood",
        "Ships and submarines train to hunt submarines in the North Atlantic",
        "Frigates, submarines and maritime patrol aircraft from ten Allies spend two weeks practising anti-submarine warfare off the coast of Norway.",
        [P("Crews take turns playing hunter and hunted. Patrol aircraft drop sonar buoys, frigates tow listening arrays, and submarines try to slip past them."),
         K("10", "Allies taking part"),
         Q("elise-marchetti", "In the cold, layered water of the North Atlantic, sound bends in ways no simulator fully reproduces.")],
    ), (
        "navires-et-sous-marins-s-entrainent-dans-l-atlantique-nord", "Northwood",
        "Navires et sous-marins s'entraînent à la lutte anti-sous-marine dans l'Atlantique Nord",
        "Frégates, sous-marins et avions de patrouille maritime de dix pays alliés s'exercent pendant deux semaines à la lutte anti-sous-marine au large de la Norvège.",
        [P("Les équipages jouent tour à tour le chasseur et la proie. Les avions de patrouille larguent des bouées acoustiques, les frégates remorquent des antennes d'écoute et les sous-marins tentent de leur échapper."),
         K("10", "pays alliés participants"),
         Q("elise-marchetti", "Dans les eaux froides et stratifiées de l'Atlantique Nord, le son se propage d'une manière qu'aucun simulateur ne reproduit complètement.")],
    )),
    release((2025, 12, 3), 17, "room", ["ukraine", "partnerships"], ["mark-rutte"], (
        "allies-review-support-to-ukraine-ahead-of-winter", "Brussels",
        "Allies review support to Ukraine ahead of another winter of attacks on energy",
        "Foreign ministers met in Brussels to take stock of deliveries of air defence and of the training provided to Ukrainian personnel in 2025.",
        [P("Ministers heard from the NATO command in Wiesbaden on deliveries made through the year and on the priorities for the months ahead."),
         P("Allies also discussed how to make support for Ukraine predictable over several years.")],
    ), (
        "les-allies-font-le-point-sur-le-soutien-a-l-ukraine-avant-l-hiver", "Bruxelles",
        "Les Alliés font le point sur le soutien à l'Ukraine avant un nouvel hiver d'attaques contre l'énergie",
        "Les ministres des Affaires étrangères se sont réunis à Bruxelles pour dresser le bilan des livraisons de défense aérienne et de la formation du personnel ukrainien en 2025.",
        [P("Les ministres ont entendu le commandement de l'OTAN à Wiesbaden sur les livraisons effectuées dans l'année et sur les priorités des prochains mois."),
         P("Les Alliés ont également discuté des moyens de rendre le soutien à l'Ukraine prévisible sur plusieurs années.")],
    )),
    release((2026, 1, 20), 10, "town", ["kfor", "kosovo"], ["elise-marchetti"], (
        "kfor-opens-a-community-liaison-office-in-mitrovica", "Mitrovica",
        "KFOR opens a community liaison office in Mitrovica",
        "Residents of both banks of the Ibar river can now meet KFOR liaison teams in one place, five days a week.",
        [P("The office gathers the liaison and monitoring teams who visit villages and listen to residents' concerns, from road safety to the return of displaced families."),
         Q("elise-marchetti", "Trust is built one conversation at a time. This office makes those conversations easier.")],
    ), (
        "la-kfor-ouvre-un-bureau-de-liaison-a-mitrovica", "Mitrovica",
        "La KFOR ouvre un bureau de liaison avec la population à Mitrovica",
        "Les habitants des deux rives de l'Ibar peuvent désormais rencontrer les équipes de liaison de la KFOR en un seul lieu, cinq jours par semaine.",
        [P("Le bureau réunit les équipes de liaison et de suivi qui se rendent dans les villages et recueillent les préoccupations des habitants, de la sécurité routière au retour des familles déplacées."),
         Q("elise-marchetti", "La confiance se construit une conversation après l'autre. Ce bureau rend ces conversations plus faciles.")],
    )),
    release((2026, 2, 26), 9, "landscape", ["exercises", "climate-and-security"], ["pieter-aalders"], (
        "winter-exercise-in-finland-tests-cold-weather-skills", "Rovaniemi",
        "Winter exercise in Finnish Lapland tests cold-weather skills",
        "Troops from twelve Allies train for three weeks at temperatures down to minus thirty degrees, learning from Finnish and Norwegian instructors.",
        [P("The programme covers skiing, camping on snow, keeping vehicles and batteries running in the cold, and evacuating casualties over long distances."),
         Q("pieter-aalders", "In this cold, a small mistake with gloves or fuel becomes a big problem within minutes. We train until the basics are automatic."),
         K("-30 °C", "lowest temperature forecast during the exercise")],
    ), (
        "exercice-hivernal-en-laponie-finlandaise", "Rovaniemi",
        "Un exercice hivernal en Laponie finlandaise met à l'épreuve les savoir-faire par grand froid",
        "Des soldats de douze pays alliés s'entraînent pendant trois semaines par des températures allant jusqu'à moins trente degrés, auprès d'instructeurs finlandais et norvégiens.",
        [P("Le programme comprend le ski, le bivouac sur la neige, le maintien en fonctionnement des véhicules et des batteries par grand froid et l'évacuation de blessés sur de longues distances."),
         Q("pieter-aalders", "Par ce froid, une petite erreur avec des gants ou du carburant devient un gros problème en quelques minutes. Nous nous entraînons jusqu'à ce que les gestes de base deviennent automatiques."),
         K("-30 °C", "température la plus basse prévue pendant l'exercice")],
    )),
    release((2026, 4, 14), 11, "headquarters", ["innovation"], ["lina-okafor"], (
        "open-data-from-the-energy-trials", "Brussels",
        "Results of three years of energy trials published as open data",
        "The measurements from the field trials of solar power, batteries and hybrid generators in deployed camps are now available to researchers and industry.",
        [P("The data set covers fuel use, power demand and battery health, hour by hour, in camps from the Baltic states to southern Europe."),
         Q("lina-okafor", "Publishing the data lets others check our conclusions and build better systems than ours.")],
    ), (
        "les-resultats-des-essais-energetiques-publies-en-donnees-ouvertes", "Bruxelles",
        "Les résultats de trois ans d'essais énergétiques publiés en données ouvertes",
        "Les mesures des essais sur le terrain d'énergie solaire, de batteries et de groupes électrogènes hybrides dans les camps déployés sont désormais accessibles aux chercheurs et aux industriels.",
        [P("Le jeu de données couvre la consommation de carburant, la demande d'électricité et l'état des batteries, heure par heure, dans des camps allant des pays baltes au sud de l'Europe."),
         Q("lina-okafor", "Publier les données permet à d'autres de vérifier nos conclusions et de construire de meilleurs systèmes que les nôtres.")],
    )),
    release((2026, 6, 11), 10, "sea", ["exercises", "defence-and-deterrence"], ["jonas-berglund"], (
        "allied-ships-and-aircraft-exercise-in-the-baltic-sea", "Kiel",
        "Allied ships and aircraft exercise together in the Baltic Sea",
        "More than forty ships and dozens of aircraft practise mine clearance, air defence and amphibious landings during the annual June exercise in the Baltic Sea.",
        [P("For the first time, naval drones from several Allies join the exercise, searching for mines ahead of the landing ships."),
         Q("jonas-berglund", "From the air, you see how the picture comes together: ships, aircraft and drones sharing one view of the sea."),
         K("40+", "ships taking part")],
    ), (
        "navires-et-avions-allies-s-exercent-en-mer-baltique", "Kiel",
        "Navires et avions alliés s'exercent ensemble en mer Baltique",
        "Plus de quarante navires et des dizaines d'avions s'entraînent au déminage, à la défense aérienne et aux débarquements amphibies lors de l'exercice annuel de juin en mer Baltique.",
        [P("Pour la première fois, des drones navals de plusieurs pays alliés participent à l'exercice et recherchent les mines en avant des navires de débarquement."),
         Q("jonas-berglund", "Vu du ciel, on voit l'image se construire : navires, avions et drones partagent une même vue de la mer."),
         K("40+", "navires participants")],
    )),
    release((2026, 7, 8), 18, "room", ["summits"], ["mark-rutte"], (
        "allied-leaders-meet-in-ankara", "Ankara",
        "Allied leaders meet in Ankara",
        "Heads of State and Government of the 32 Allies met in Ankara, Türkiye, to review progress towards the defence investment goal agreed in The Hague.",
        [P("Leaders discussed the Alliance's defence plans, the defence industry's capacity to deliver, and continued support to Ukraine."),
         P("Accredited journalists followed the summit from the media centre, where press conferences were streamed in English and French.")],
    ), (
        "les-dirigeants-allies-reunis-a-ankara", "Ankara",
        "Les dirigeants des pays alliés réunis à Ankara",
        "Les chefs d'État et de gouvernement des 32 pays alliés se sont réunis à Ankara, en Türkiye, pour faire le point sur l'objectif d'investissement de défense adopté à La Haye.",
        [P("Les dirigeants ont examiné les plans de défense de l'Alliance, la capacité de l'industrie de défense à livrer et la poursuite du soutien à l'Ukraine."),
         P("Les journalistes accrédités ont suivi le sommet depuis le centre de presse, où les conférences de presse étaient retransmises en anglais et en français.")],
    )),
    release((2026, 9, 17), 10, "town", ["kfor", "peacekeeping"], ["elise-marchetti"], (
        "kfor-and-local-firefighters-train-together", "Pristina",
        "KFOR and local firefighters train together for forest fires",
        "After a dry summer, KFOR helicopters and engineers trained with firefighters from several municipalities to respond together to forest fires.",
        [P("The exercise covered water drops from helicopters, firebreaks cut by engineers and the evacuation of a village."),
         Q("elise-marchetti", "Fire does not care about boundaries. Training together means we already know each other when the call comes.")],
    ), (
        "la-kfor-et-les-pompiers-locaux-s-entrainent-ensemble", "Pristina",
        "La KFOR et les pompiers locaux s'entraînent ensemble contre les feux de forêt",
        "Après un été sec, les hélicoptères et le génie de la KFOR se sont entraînés avec les pompiers de plusieurs municipalités pour répondre ensemble aux feux de forêt.",
        [P("L'exercice comprenait des largages d'eau par hélicoptère, l'ouverture de coupe-feux par le génie et l'évacuation d'un village."),
         Q("elise-marchetti", "Le feu ne connaît pas de limites. S'entraîner ensemble, c'est déjà se connaître quand l'alerte arrive.")],
    )),
    release((2026, 10, 29), 14, "headquarters", ["partnerships"], ["elise-marchetti"], (
        "media-portal-now-offers-partial-video-downloads", "Brussels",
        "The media portal now offers full and partial video downloads",
        "Journalists can now download a whole video or just the shot or soundbite they need, in the resolution of their choice.",
        [P("Registered users choose an in and an out point on the player, or pick a shot or a soundbite from the list, and receive a clip cut to the frame."),
         Q("elise-marchetti", "Newsrooms asked for it: no more downloading a whole interview to use ten seconds of it.")],
    ), (
        "le-portail-medias-propose-le-telechargement-partiel-des-videos", "Bruxelles",
        "Le portail médias propose le téléchargement complet ou partiel des vidéos",
        "Désormais, les journalistes peuvent télécharger une vidéo entière ou seulement le plan ou l'extrait sonore dont ils ont besoin, dans la résolution de leur choix.",
        [P("Les utilisateurs inscrits choisissent un point d'entrée et de sortie sur le lecteur, ou un plan ou un extrait sonore dans la liste, et reçoivent un extrait coupé à l'image près."),
         Q("elise-marchetti", "Les rédactions l'avaient demandé : plus besoin de télécharger une interview entière pour en utiliser dix secondes.")],
    )),
]  # fmt: skip

# The seed release links to these, in each language (by the English slug).
SEED_RELATED = [
    "additional-troops-arrive-to-reinforce-kfor",
    "kfor-strengthens-its-presence-in-the-north",
]
