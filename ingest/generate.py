"""Deterministic generator of realistic SRM datasets in the canonical CSV format.

The output is a pure function of the seed, the sizes and the end date::

    from datetime import date
    from pathlib import Path

    from ingest.generate import generate

    counts = generate(Path("data/demo"), seed=7, end=date(2025, 6, 30))
    counts["interactions.csv"]  # 5000
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from random import Random
from typing import Generic, NamedTuple, TypeVar

from ingest.canonical import (
    ACCOUNT_MANAGERS,
    COMPANIES,
    INTERACTIONS,
    OFFERS,
    PEOPLE,
    PRODUCTS,
    SUPPLIES,
    FileSpec,
)


class Category(NamedTuple):
    """A product category with its German label and its products."""

    name: str
    german: str
    products: tuple[str, ...]


class Industry(NamedTuple):
    """An industry, the categories it sells and words for company names."""

    name: str
    categories: tuple[str, ...]
    german_words: tuple[str, ...]
    english_words: tuple[str, ...]
    french_words: tuple[str, ...]


class Title(NamedTuple):
    """A job title: level 0 (executive) to 4 (staff), function, language, forms."""

    level: int
    function: str
    language: str
    masculine: str
    feminine: str = ""


CATEGORIES: tuple[Category, ...] = (
    Category(
        "electronics",
        "Elektronik",
        (
            'Business laptop 14"',
            'Monitor 27", 4K',
            "Docking station USB-C",
            "Smartphone fleet package",
            "Thin client",
            "Wireless headset",
            "Label printer",
        ),
    ),
    Category(
        "office furniture",
        "Büromöbel",
        (
            "Office chair ErgoPro",
            "Height-adjustable desk",
            "Meeting table, oak",
            "Acoustic panel",
            "Filing cabinet",
            "Lounge sofa",
        ),
    ),
    Category(
        "logistics",
        "Logistik",
        (
            "Full truckload (FTL)",
            "Less-than-truckload (LTL)",
            "Warehousing, per pallet",
            "Express parcel",
            "Sea freight FCL",
            "Air freight",
        ),
    ),
    Category(
        "packaging",
        "Verpackung",
        (
            "Corrugated box, double wall",
            "Stretch film",
            "Euro pallet",
            "Foam inserts",
            "Shipping labels",
        ),
    ),
    Category(
        "raw materials",
        "Rohstoffe",
        (
            "Aluminium sheet",
            "Copper wire",
            "Stainless steel coil",
            "Polypropylene granulate",
            "Brass rod",
        ),
    ),
    Category(
        "chemicals",
        "Chemikalien",
        (
            "Isopropyl alcohol",
            "Industrial adhesive",
            "Cleaning agents",
            "Lubricants",
            "Solder paste",
        ),
    ),
    Category(
        "software",
        "Software",
        (
            "ERP licence",
            "CRM subscription",
            "Office suite licence",
            "Endpoint security",
            "Warehouse management system",
        ),
    ),
    Category(
        "IT services",
        "IT-Dienstleistungen",
        (
            "Managed service desk",
            "Cloud hosting",
            "Network installation",
            "IT consulting, day rate",
            "Data centre colocation",
        ),
    ),
    Category(
        "facility services",
        "Facility Services",
        (
            "Office cleaning",
            "Security services",
            "Building maintenance",
            "Catering",
            "Waste management",
        ),
    ),
    Category(
        "machinery",
        "Maschinen",
        (
            "CNC milling machine",
            "Forklift truck",
            "Conveyor system",
            "Packaging machine",
            "Spare parts kit",
        ),
    ),
    Category(
        "food & beverages",
        "Lebensmittel & Getränke",
        (
            "Coffee beans, 1 kg",
            "Mineral water",
            "Fruit basket service",
            "Snack vending",
        ),
    ),
    Category(
        "marketing services",
        "Marketing",
        (
            "Trade fair booth",
            "Print brochures",
            "Online campaign",
            "Promotional items",
            'Photo shoot "product range"',
        ),
    ),
)

INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        "Office furniture",
        ("office furniture",),
        ("Büromöbel", "Möbelwerke", "Objekteinrichtung"),
        ("Furniture", "Office Interiors", "Seating"),
        ("Mobilier", "Agencement"),
    ),
    Industry(
        "Logistics",
        ("logistics",),
        ("Logistik", "Spedition", "Transporte"),
        ("Logistics", "Freight", "Transport"),
        ("Logistique", "Transports"),
    ),
    Industry(
        "Packaging",
        ("packaging",),
        ("Verpackung", "Kartonagen", "Verpackungswerke"),
        ("Packaging", "Containers", "Paperboard"),
        ("Emballages", "Cartonnages"),
    ),
    Industry(
        "Metals",
        ("raw materials",),
        ("Metallhandel", "Stahlhandel", "Metallwerke"),
        ("Metals", "Steel", "Alloys"),
        ("Métaux", "Aciers"),
    ),
    Industry(
        "Chemicals",
        ("chemicals", "raw materials"),
        ("Chemie", "Chemiewerke"),
        ("Chemicals", "Chemical"),
        ("Chimie",),
    ),
    Industry(
        "Software",
        ("software", "IT services"),
        ("Software", "Systemhaus", "Informatik"),
        ("Software", "Systems", "Digital"),
        ("Logiciels", "Informatique"),
    ),
    Industry(
        "IT services",
        ("IT services", "software"),
        ("IT-Services", "Datentechnik"),
        ("IT Services", "Technologies", "Solutions"),
        ("Services Informatiques",),
    ),
    Industry(
        "Facility management",
        ("facility services",),
        ("Gebäudeservice", "Facility Management", "Gebäudedienste"),
        ("Facility Services", "Property Services"),
        ("Services", "Propreté"),
    ),
    Industry(
        "Machinery",
        ("machinery",),
        ("Maschinenbau", "Anlagenbau", "Antriebstechnik"),
        ("Machinery", "Engineering", "Industrial"),
        ("Machines", "Mécanique"),
    ),
    Industry(
        "Electronic components",
        ("electronics",),
        ("Elektronik", "Elektrotechnik", "Bauelemente"),
        ("Components", "Electronics", "Devices"),
        ("Électronique", "Composants"),
    ),
    Industry(
        "Food & beverages",
        ("food & beverages",),
        ("Feinkost", "Lebensmittel", "Getränke"),
        ("Foods", "Beverages", "Provisions"),
        ("Alimentaire", "Boissons"),
    ),
    Industry(
        "Marketing services",
        ("marketing services",),
        ("Werbeagentur", "Kommunikation", "Medien"),
        ("Media", "Marketing", "Communications"),
        ("Communication", "Médias"),
    ),
    Industry(
        "Wholesale",
        ("office furniture", "packaging", "food & beverages"),
        ("Großhandel", "Handelshaus"),
        ("Wholesale", "Trading", "Distribution"),
        ("Distribution", "Négoce"),
    ),
    Industry(
        "Automotive",
        ("machinery", "raw materials"),
        ("Fahrzeugtechnik", "Automotive"),
        ("Automotive", "Motors"),
        ("Automobile",),
    ),
)

HOME_NAME = "Vellmar Elektronik AG"
HOME_DOMAIN = "vellmar-elektronik.de"
HOME_INDUSTRY = Industry(
    "Electronics distribution",
    ("electronics", "software"),
    ("Elektronik",),
    ("Electronics",),
    ("Électronique",),
)

COUNTRIES: tuple[str, ...] = ("DE", "AT", "CH", "US", "GB", "FR", "NL", "PL")
COUNTRY_WEIGHTS: tuple[float, ...] = (0.38, 0.08, 0.07, 0.13, 0.10, 0.08, 0.08, 0.08)
LANGUAGES = {
    "DE": "de",
    "AT": "de",
    "CH": "de",
    "US": "en",
    "GB": "en",
    "FR": "fr",
    "NL": "nl",
    "PL": "pl",
}
TOP_LEVEL_DOMAINS = {
    "DE": ".de",
    "AT": ".at",
    "CH": ".ch",
    "US": ".com",
    "GB": ".co.uk",
    "FR": ".fr",
    "NL": ".nl",
    "PL": ".pl",
}
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "DE": ("GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "SE"),
    "AT": ("GmbH", "GmbH", "AG", "KG"),
    "CH": ("AG", "AG", "GmbH", "SA"),
    "US": ("Inc.", "Inc.", "LLC", "Corp."),
    "GB": ("Ltd", "Ltd", "plc", "LLP"),
    "FR": ("SA", "SAS", "SAS", "SARL"),
    "NL": ("B.V.", "B.V.", "N.V."),
    "PL": ("Sp. z o.o.", "Sp. z o.o.", "S.A."),
}
LOCAL_CURRENCIES = {"US": "USD", "GB": "GBP"}
LOCAL_CURRENCY_SHARE = 0.85
CURRENCIES: tuple[str, ...] = ("EUR", "USD", "GBP")

GERMAN_PREFIXES: tuple[str, ...] = (
    "Nordwind",
    "Alpen",
    "Rhein",
    "Elbe",
    "Hanse",
    "Donau",
    "Isar",
    "Bergland",
    "Falken",
    "Eichen",
    "Sonnen",
    "Weser",
    "Süd",
    "Stern",
    "Adler",
    "Löwen",
    "Grün",
    "Mosel",
    "Main",
    "Taunus",
    "Harz",
    "Brücken",
    "Bären",
    "Kronen",
    "Ostsee",
    "Spree",
    "Tannen",
    "Wald",
)
ENGLISH_ADJECTIVES: tuple[str, ...] = (
    "Blue",
    "Silver",
    "Red",
    "Golden",
    "North",
    "Summit",
    "Pioneer",
    "Granite",
    "Cedar",
    "Iron",
    "Bright",
    "Clear",
    "Evergreen",
    "Crescent",
    "Oak",
    "Falcon",
    "Liberty",
    "Royal",
    "Pacific",
    "Atlantic",
    "Highland",
    "Keystone",
    "Northern",
    "Western",
    "United",
)
ENGLISH_NOUNS: tuple[str, ...] = (
    "Harbor",
    "River",
    "Ridge",
    "Peak",
    "Bay",
    "Rock",
    "Field",
    "Stone",
    "Bridge",
    "Valley",
    "Point",
    "Gate",
    "Lake",
    "Crest",
    "Star",
    "Line",
    "Works",
    "Path",
)
BRANDS: tuple[str, ...] = (
    "Apex",
    "Vertex",
    "Nexus",
    "Zenith",
    "Orion",
    "Vector",
    "Quantum",
    "Atlas",
    "Titan",
    "Nova",
    "Prime",
    "Stratos",
    "Vantage",
    "Helix",
    "Axiom",
    "Optima",
    "Meridian",
    "Sigma",
    "Cobalt",
    "Arcadia",
)

GERMAN_FEMALE: tuple[str, ...] = (
    "Anna",
    "Katrin",
    "Sabine",
    "Jana",
    "Lena",
    "Birgit",
    "Ute",
    "Petra",
    "Monika",
    "Claudia",
    "Julia",
    "Sophie",
    "Lea",
    "Marie",
    "Charlotte",
    "Käthe",
    "Ingrid",
    "Susanne",
    "Stefanie",
    "Nicole",
    "Andrea",
    "Anja",
    "Heike",
    "Franziska",
    "Mareike",
    "Jördis",
    "Anne-Marie",
    "Gül",
    "Ayşe",
    "Hannelore",
)
GERMAN_MALE: tuple[str, ...] = (
    "Jürgen",
    "Jörg",
    "Björn",
    "Sören",
    "Günther",
    "Uwe",
    "Klaus",
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Frank",
    "Markus",
    "Matthias",
    "Tobias",
    "Florian",
    "Lukas",
    "Jan",
    "Dirk",
    "Ralf",
    "Holger",
    "Hans-Peter",
    "Karl-Heinz",
    "Wolfgang",
    "Bernd",
    "Mehmet",
    "Niklas",
    "Maximilian",
    "Till",
    "Malte",
)
GERMAN_LAST: tuple[str, ...] = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Köhler",
    "Weiß",
    "Groß",
    "Jäger",
    "Böhm",
    "Möller",
    "Öztürk",
    "Schmidt-Lange",
    "von Bülow",
)
ENGLISH_FEMALE: tuple[str, ...] = (
    "Emma",
    "Olivia",
    "Sarah",
    "Emily",
    "Jessica",
    "Hannah",
    "Laura",
    "Rachel",
    "Megan",
    "Chloe",
    "Zoë",
    "Charlotte",
    "Amelia",
    "Grace",
    "Sophie",
    "Rebecca",
    "Claire",
    "Lucy",
    "Katherine",
    "Jennifer",
    "Michelle",
    "Amanda",
    "Niamh",
    "Siobhán",
    "Renée",
)
ENGLISH_MALE: tuple[str, ...] = (
    "James",
    "John",
    "Robert",
    "Michael",
    "David",
    "William",
    "Richard",
    "Thomas",
    "Daniel",
    "Matthew",
    "Andrew",
    "Christopher",
    "Mark",
    "Paul",
    "Steven",
    "Kevin",
    "Brian",
    "Jason",
    "Oliver",
    "Harry",
    "George",
    "Jack",
    "Liam",
    "Seán",
    "Ethan",
)
ENGLISH_LAST: tuple[str, ...] = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Green",
    "Baker",
    "Carter",
    "Evans",
    "Hughes",
    "O'Brien",
    "O'Connor",
    "McDonald",
    "Fitzgerald",
    "Patel",
    "Nguyen",
    "Zhang",
)
FRENCH_FEMALE: tuple[str, ...] = (
    "Camille",
    "Chloé",
    "Léa",
    "Manon",
    "Inès",
    "Élodie",
    "Sophie",
    "Amélie",
    "Céline",
    "Hélène",
    "Margaux",
    "Juliette",
)
FRENCH_MALE: tuple[str, ...] = (
    "Jean",
    "Pierre",
    "Louis",
    "Hugo",
    "Lucas",
    "Théo",
    "François",
    "Étienne",
    "Nicolas",
    "Julien",
    "Mathieu",
    "Benoît",
)
FRENCH_LAST: tuple[str, ...] = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Lefèvre",
    "Girard",
    "Fontaine",
    "Rousseau",
    "Mercier",
    "Blanc",
    "Guérin",
    "Faure",
    "Chevalier",
    "Lambert",
)
DUTCH_FEMALE: tuple[str, ...] = (
    "Anouk",
    "Sanne",
    "Fleur",
    "Lotte",
    "Femke",
    "Esther",
    "Marloes",
    "Ilse",
    "Noor",
    "Eva",
)
DUTCH_MALE: tuple[str, ...] = (
    "Daan",
    "Sem",
    "Bram",
    "Jeroen",
    "Joost",
    "Pieter",
    "Maarten",
    "Sjoerd",
    "Ruud",
    "Wouter",
    "Thijs",
    "Lars",
)
DUTCH_LAST: tuple[str, ...] = (
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
)
POLISH_FEMALE: tuple[str, ...] = (
    "Anna",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Magdalena",
    "Joanna",
    "Zofia",
    "Aleksandra",
    "Ewa",
    "Natalia",
)
POLISH_MALE: tuple[str, ...] = (
    "Piotr",
    "Krzysztof",
    "Tomasz",
    "Paweł",
    "Łukasz",
    "Michał",
    "Marcin",
    "Jakub",
    "Grzegorz",
    "Wojciech",
)
POLISH_LAST: tuple[str, ...] = (
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Mazur",
    "Krawczyk",
)
PERSON_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "de": (GERMAN_FEMALE, GERMAN_MALE, GERMAN_LAST),
    "en": (ENGLISH_FEMALE, ENGLISH_MALE, ENGLISH_LAST),
    "fr": (FRENCH_FEMALE, FRENCH_MALE, FRENCH_LAST),
    "nl": (DUTCH_FEMALE, DUTCH_MALE, DUTCH_LAST),
    "pl": (POLISH_FEMALE, POLISH_MALE, POLISH_LAST),
}
FOREIGN_LANGUAGES: tuple[str, ...] = ("en", "en", "en", "de", "fr", "nl", "pl")

TITLES: tuple[Title, ...] = (
    Title(0, "general", "en", "CEO"),
    Title(0, "general", "en", "Chief Executive Officer"),
    Title(0, "general", "en", "Managing Director"),
    Title(0, "general", "en", "President"),
    Title(0, "general", "en", "Founder & CEO"),
    Title(0, "general", "en", "Owner"),
    Title(0, "general", "de", "Geschäftsführer", "Geschäftsführerin"),
    Title(0, "general", "de", "Vorstandsvorsitzender", "Vorstandsvorsitzende"),
    Title(0, "general", "de", "Inhaber", "Inhaberin"),
    Title(
        0,
        "general",
        "de",
        "Geschäftsführender Gesellschafter",
        "Geschäftsführende Gesellschafterin",
    ),
    Title(0, "procurement", "en", "Chief Procurement Officer"),
    Title(0, "procurement", "de", "Vorstand Einkauf"),
    Title(0, "sales", "en", "Chief Sales Officer"),
    Title(0, "sales", "en", "Chief Commercial Officer"),
    Title(0, "sales", "de", "Vorstand Vertrieb"),
    Title(0, "supply_chain", "en", "Chief Supply Chain Officer"),
    Title(0, "supply_chain", "en", "Chief Operating Officer"),
    Title(0, "supply_chain", "de", "Geschäftsführer Logistik", "Geschäftsführerin Logistik"),
    Title(0, "finance", "en", "Chief Financial Officer"),
    Title(0, "finance", "en", "CFO"),
    Title(0, "finance", "de", "Vorstand Finanzen"),
    Title(0, "finance", "de", "Kaufmännischer Geschäftsführer", "Kaufmännische Geschäftsführerin"),
    Title(1, "general", "en", "VP Operations"),
    Title(1, "general", "en", "SVP Operations"),
    Title(1, "general", "en", "EVP Strategy"),
    Title(1, "general", "de", "Bereichsleiter Operations", "Bereichsleiterin Operations"),
    Title(1, "general", "de", "Prokurist", "Prokuristin"),
    Title(1, "procurement", "en", "VP Procurement"),
    Title(1, "procurement", "en", "VP Global Sourcing"),
    Title(1, "procurement", "en", "Head of Procurement"),
    Title(1, "procurement", "en", "Head of Purchasing"),
    Title(1, "procurement", "de", "Bereichsleiter Einkauf", "Bereichsleiterin Einkauf"),
    Title(1, "sales", "en", "VP Sales"),
    Title(1, "sales", "en", "SVP Sales EMEA"),
    Title(1, "sales", "en", "Head of Sales"),
    Title(1, "sales", "de", "Bereichsleiter Vertrieb", "Bereichsleiterin Vertrieb"),
    Title(1, "key_account", "en", "Head of Key Account Management"),
    Title(1, "supply_chain", "en", "VP Supply Chain"),
    Title(1, "supply_chain", "en", "Head of Logistics"),
    Title(1, "supply_chain", "de", "Bereichsleiter Logistik", "Bereichsleiterin Logistik"),
    Title(1, "finance", "en", "VP Finance"),
    Title(1, "finance", "en", "Head of Finance"),
    Title(1, "finance", "de", "Bereichsleiter Finanzen", "Bereichsleiterin Finanzen"),
    Title(2, "general", "en", "Director of Operations"),
    Title(2, "general", "en", "Director Strategy"),
    Title(2, "general", "de", "Abteilungsleiter Verwaltung", "Abteilungsleiterin Verwaltung"),
    Title(2, "procurement", "en", "Procurement Director"),
    Title(2, "procurement", "en", "Director of Strategic Sourcing"),
    Title(2, "procurement", "de", "Direktor Einkauf", "Direktorin Einkauf"),
    Title(2, "procurement", "de", "Abteilungsleiter Einkauf", "Abteilungsleiterin Einkauf"),
    Title(2, "sales", "en", "Sales Director"),
    Title(2, "sales", "en", "Director of Business Development"),
    Title(2, "sales", "de", "Vertriebsdirektor", "Vertriebsdirektorin"),
    Title(2, "key_account", "en", "Director Key Accounts"),
    Title(2, "supply_chain", "en", "Director Supply Chain"),
    Title(2, "supply_chain", "en", "Logistics Director"),
    Title(2, "supply_chain", "de", "Direktor Logistik", "Direktorin Logistik"),
    Title(2, "finance", "en", "Finance Director"),
    Title(2, "finance", "de", "Direktor Finanzen", "Direktorin Finanzen"),
    Title(3, "general", "en", "Operations Manager"),
    Title(3, "general", "en", "Project Manager"),
    Title(3, "general", "de", "Projektleiter", "Projektleiterin"),
    Title(3, "procurement", "en", "Procurement Manager"),
    Title(3, "procurement", "en", "Category Manager"),
    Title(3, "procurement", "en", "Purchasing Manager"),
    Title(3, "procurement", "en", "Procurement Team Lead"),
    Title(3, "procurement", "de", "Teamleiter Einkauf", "Teamleiterin Einkauf"),
    Title(3, "sales", "en", "Sales Manager"),
    Title(3, "sales", "en", "Account Manager"),
    Title(3, "sales", "de", "Teamleiter Vertrieb", "Teamleiterin Vertrieb"),
    Title(3, "sales", "de", "Gruppenleiter Vertrieb", "Gruppenleiterin Vertrieb"),
    Title(3, "key_account", "en", "Key Account Manager"),
    Title(3, "key_account", "en", "Senior Key Account Manager"),
    Title(3, "key_account", "en", "Global Key Account Manager"),
    Title(3, "key_account", "de", "Key Account Manager", "Key Account Managerin"),
    Title(3, "supply_chain", "en", "Supply Chain Manager"),
    Title(3, "supply_chain", "en", "Logistics Manager"),
    Title(3, "supply_chain", "de", "Lagerleiter", "Lagerleiterin"),
    Title(3, "finance", "en", "Finance Manager"),
    Title(3, "finance", "de", "Teamleiter Controlling", "Teamleiterin Controlling"),
    Title(4, "general", "en", "Project Coordinator"),
    Title(4, "general", "en", "Office Coordinator"),
    Title(4, "general", "de", "Sachbearbeiter", "Sachbearbeiterin"),
    Title(4, "general", "de", "Teamassistenz"),
    Title(4, "procurement", "en", "Buyer"),
    Title(4, "procurement", "en", "Senior Buyer"),
    Title(4, "procurement", "en", "Strategic Buyer"),
    Title(4, "procurement", "en", "Procurement Specialist"),
    Title(4, "procurement", "de", "Einkäufer", "Einkäuferin"),
    Title(4, "procurement", "de", "Sachbearbeiter Einkauf", "Sachbearbeiterin Einkauf"),
    Title(4, "procurement", "de", "Strategischer Einkäufer", "Strategische Einkäuferin"),
    Title(4, "sales", "en", "Sales Representative"),
    Title(4, "sales", "en", "Inside Sales Representative"),
    Title(4, "sales", "en", "Sales Engineer"),
    Title(4, "sales", "de", "Vertriebsmitarbeiter", "Vertriebsmitarbeiterin"),
    Title(4, "sales", "de", "Kundenberater", "Kundenberaterin"),
    Title(4, "sales", "de", "Außendienstmitarbeiter", "Außendienstmitarbeiterin"),
    Title(4, "key_account", "en", "Key Account Coordinator"),
    Title(4, "key_account", "de", "Vertriebsassistent", "Vertriebsassistentin"),
    Title(4, "supply_chain", "en", "Logistics Coordinator"),
    Title(4, "supply_chain", "en", "Supply Chain Analyst"),
    Title(4, "supply_chain", "de", "Disponent", "Disponentin"),
    Title(4, "finance", "en", "Accountant"),
    Title(4, "finance", "en", "Financial Analyst"),
    Title(4, "finance", "de", "Buchhalter", "Buchhalterin"),
)
KEY_ACCOUNT_TITLE = "Key Account Manager"

LEVEL_WEIGHTS: tuple[float, ...] = (0.03, 0.07, 0.12, 0.28, 0.50)
LEVEL_ACTIVITY: tuple[float, ...] = (0.4, 0.6, 0.8, 1.2, 1.0)
EXECUTIVE_FUNCTIONS: tuple[str, ...] = ("procurement", "sales", "supply_chain", "finance")
MAX_EXECUTIVES = 6
FUNCTIONS: tuple[str, ...] = (
    "general",
    "procurement",
    "sales",
    "key_account",
    "supply_chain",
    "finance",
)
FUNCTION_WEIGHTS: dict[str, tuple[float, ...]] = {
    "home": (0.10, 0.35, 0.12, 0.25, 0.08, 0.10),
    "supplier": (0.15, 0.10, 0.25, 0.20, 0.15, 0.15),
    "customer": (0.20, 0.35, 0.10, 0.05, 0.15, 0.15),
    "both": (0.15, 0.25, 0.20, 0.15, 0.10, 0.15),
}
INTERNAL_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "supplier": ("procurement", "supply_chain"),
    "customer": ("sales", "key_account"),
    "both": ("procurement", "supply_chain", "sales", "key_account"),
}

TIER_SIZE = {"strategic": 4.0, "key": 2.0, "standard": 1.0}
TIER_ACTIVITY = {"strategic": 3.0, "key": 2.0, "standard": 1.0}
TIER_VALUE_SHIFT = {"strategic": 1.5, "key": 0.8, "standard": 0.0}

HOME = 0
HOME_SHARE = 0.2
COMPANY_PARETO_ALPHA = 1.3
COMPANY_WEIGHT_CAP = 50.0
STRATEGIC_SHARE = 0.05
KEY_SHARE = 0.2
RECIPROCAL_SHARE = 0.15
SUPPLIER_SHARE = 0.45
LEFT_SHARE = 0.05
BLANK_EMAIL_SHARE = 0.02
BLANK_MANAGER_SHARE = 0.08
GERMAN_TITLE_SHARE = 0.55
FOREIGN_NAME_SHARE = 0.2
CATEGORY_ONLY_SHARE = 0.2
ENDED_CONTRACT_SHARE = 0.1
DECIMAL_VALUE_SHARE = 0.4
MEDIAN_ANNUAL_VALUE = 40_000.0
ANNUAL_VALUE_SIGMA = 1.3
DIVERSIFIED_SHARE = 0.15
OFFER_COUNTS: tuple[int, ...] = (1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6)
SUPPLY_ROW_COUNTS: tuple[int, ...] = (1, 1, 1, 2, 2, 3)
CONTACT_COUNTS: tuple[int, ...] = (0, 1, 1, 1, 2, 2, 3)
PAIR_PARETO_ALPHA = 1.3
PAIR_WEIGHT_CAP = 60.0
ACCOUNT_MANAGER_ACTIVITY = 2.0
ACCOUNT_MANAGER_COUNTS: tuple[int, ...] = (1, 1, 2)
ACCOUNT_MANAGER_CONTACT_SHARE = 0.5
LATE_START_SHARE = 0.12
EARLY_END_SHARE = 0.12
INTERNAL_SHARE = 0.08
INTERNAL_EXTRA_SHARE = 0.35
MANAGER_EXTRA_SHARE = 0.5
UNDIRECTED_CALL_SHARE = 0.15
PICK_ATTEMPTS = 8
MONTH_ACTIVITY: tuple[float, ...] = (0.9, 1.0, 1.05, 1.0, 1.0, 1.0, 0.85, 0.65, 1.05, 1.1, 1.1, 0.8)
WEEKDAY_ACTIVITY: tuple[float, ...] = (0.95, 1.05, 1.05, 1.0, 0.85)
HOLIDAY_ACTIVITY = 0.3
GROWTH = 0.3
DAYS_PER_YEAR = 365

KINDS: tuple[str, ...] = (
    "email",
    "call",
    "meeting",
    "video_call",
    "message",
    "event",
    "negotiation",
    "rfp",
    "gift",
    "note",
)
EXTERNAL_KIND_WEIGHTS: tuple[float, ...] = (
    0.35,
    0.18,
    0.14,
    0.12,
    0.09,
    0.04,
    0.03,
    0.025,
    0.015,
    0.01,
)
INTERNAL_KIND_WEIGHTS: tuple[float, ...] = (0.30, 0.08, 0.35, 0.15, 0.12, 0, 0, 0, 0, 0)
SCHEDULED_KINDS = frozenset({"meeting", "event", "video_call", "negotiation"})
INITIATOR_RULES = {
    "email": "either",
    "call": "mostly",
    "meeting": "mutual",
    "video_call": "mutual",
    "message": "either",
    "event": "mutual",
    "negotiation": "mutual",
    "rfp": "buyer",
    "gift": "seller",
    "note": "internal",
}
EXTRA_PARTICIPANTS: dict[str, tuple[int, ...]] = {
    "email": (0, 0, 0, 0, 0, 0, 1, 1, 2),
    "call": (0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    "meeting": (0, 0, 0, 0, 1, 1, 1, 2, 2, 3),
    "video_call": (0, 0, 0, 1, 1, 2, 3),
    "message": (0,),
    "event": (1, 2, 2, 3, 3, 4, 4, 6, 8, 10),
    "negotiation": (1, 1, 2, 2, 3),
    "rfp": (0, 0, 1, 2),
    "gift": (0,),
    "note": (0,),
}
SUBJECTS: dict[str, tuple[str, ...]] = {
    "email": (
        "Re: {category} delivery schedule",
        "Offer {category} {year}",
        "Angebot {category_de} {year}",
        "Re: Lieferverzug, Rückfrage",
        "Invoice query, {quarter} {year}",
        "Price list {next_year}",
        'Re: "{category}" specifications',
        "Follow-up: price review {quarter}",
        "Auftragsbestätigung {category_de}",
        "Re: Re: samples, next steps",
    ),
    "call": (
        "Quick sync {category}",
        "Delivery status",
        "Rückruf wegen Preisanpassung",
        "Forecast {quarter} {year}",
        "Quality issue, follow-up",
        "Telefonat Lieferantenbewertung",
    ),
    "meeting": (
        "Quartalsgespräch {quarter} {year}",
        "Jahresgespräch {year}",
        "{quarter} business review",
        "Site visit, {category}",
        "Lunch",
        "Strategy workshop {next_year}",
        "Werksbesichtigung",
    ),
    "video_call": (
        "{quarter} price review",
        "Teams: forecast {quarter}",
        "Onboarding {category}",
        "Supplier scorecard review {year}",
        "Kick-off: {category} {next_year}",
    ),
    "message": (
        "Running 10 min late",
        'Quick question re "{category}"',
        "Thanks!",
        "Kurze Rückfrage",
        "Call later?",
    ),
    "event": (
        "Hannover Messe {year}",
        "Customer day {year}",
        "Supplier Day {year}, Kick-off",
        "Sommerfest {year}",
        "Christmas dinner {year}",
        "LogiMAT {year}",
        "Golf day",
    ),
    "negotiation": (
        "Price negotiation {category} {next_year}",
        "Rahmenvertrag {category_de} {next_year}",
        "Contract renewal, {category}",
        "Jahresvereinbarung {next_year}",
        "Konditionen {next_year}",
    ),
    "rfp": (
        "RFP: {category} {next_year}",
        "Ausschreibung {category_de} {next_year}",
        "RFQ {category}, lot 2",
        'Tender "{category} {next_year}"',
    ),
    "gift": (
        "Christmas hamper",
        'Bottle of wine, "Thank you"',
        "Weihnachtspräsent",
        "Tickets, Bundesliga",
        'Book: "The Goal"',
    ),
    "note": (
        "Account notes",
        "Key facts, {category}",
        "Gesprächsnotiz",
        "Risk: delivery delays",
        "Org chart update",
    ),
}
INTERNAL_SUBJECTS: tuple[str, ...] = (
    "Weekly sync",
    "Account planning {year}",
    "Budget {next_year}",
    "Team meeting Einkauf",
    "Sales pipeline review, {quarter}",
    "Abstimmung Rahmenvertrag {category_de}",
    "Supplier strategy: {category}",
    "1:1",
)
HOUR_WEIGHTS: tuple[tuple[int, float], ...] = (
    (7, 0.02),
    (8, 0.08),
    (9, 0.13),
    (10, 0.14),
    (11, 0.12),
    (12, 0.06),
    (13, 0.09),
    (14, 0.12),
    (15, 0.11),
    (16, 0.08),
    (17, 0.04),
    (18, 0.01),
)
SCHEDULED_MINUTES: tuple[tuple[int, float], ...] = ((0, 0.45), (15, 0.1), (30, 0.35), (45, 0.1))

_ASCII_FOLD = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
    }
)
_CATEGORY_INDEX = {category.name: index for index, category in enumerate(CATEGORIES)}
_PRODUCTS: tuple[tuple[str, int], ...] = tuple(
    (name, index) for index, category in enumerate(CATEGORIES) for name in category.products
)

Row = tuple[str, ...]
_T = TypeVar("_T")


@dataclass(slots=True)
class _Company:
    id: str
    name: str
    domain: str
    country: str
    industry: Industry
    tier: str
    role: str
    people: list[int] = field(default_factory=list)
    offers: list[int] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Person:
    id: str
    name: str
    email: str
    company: int
    title: str
    level: int
    function: str
    start: int
    end: int | None
    manager: int | None = None


@dataclass(slots=True)
class _World:
    first_day: int
    last_day: int
    companies: list[_Company]
    people: list[_Person]
    supplies: list[Row]
    account_managers: dict[int, list[int]]


class _Weighted(Generic[_T]):
    """Draws items with the given relative weights."""

    __slots__ = ("_cumulative", "_items", "_last")

    def __init__(self, items: Sequence[_T], weights: Sequence[float]) -> None:
        cumulative = list(accumulate(weights))
        self._items = items
        self._cumulative = [value / cumulative[-1] for value in cumulative]
        self._last = len(cumulative) - 1

    def draw(self, random: Callable[[], float]) -> _T:
        """Return one item, using one call of ``random``."""
        return self._items[min(bisect(self._cumulative, random()), self._last)]


@dataclass(slots=True)
class _Pairs:
    """Weighted (internal, counterpart) person pairs, each active on a day range."""

    first: list[int] = field(default_factory=list)
    second: list[int] = field(default_factory=list)
    company: list[int] = field(default_factory=list)
    active_from: list[int] = field(default_factory=list)
    active_until: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)
    sampler: _Weighted[int] = field(init=False)

    def add(
        self,
        first: int,
        second: int,
        company: int,
        days: tuple[int, int],
        weight: float,
        *,
        anchor: bool = False,
    ) -> None:
        """Add a pair; anchors are active on every day and serve as fallback."""
        if anchor:
            self.anchors.append(len(self.first))
        self.first.append(first)
        self.second.append(second)
        self.company.append(company)
        self.active_from.append(days[0])
        self.active_until.append(days[1])
        self.weights.append(weight)

    def freeze(self) -> None:
        """Prepare the weights for sampling."""
        self.sampler = _Weighted(range(len(self.weights)), self.weights)

    def pick(self, random: Callable[[], float], day: int) -> int:
        """Draw a pair by weight among those active on ``day``."""
        draw = self.sampler.draw
        for _ in range(PICK_ATTEMPTS):
            index = draw(random)
            if self.active_from[index] <= day < self.active_until[index]:
                return index
        return self.anchors[int(random() * len(self.anchors))]


def generate(
    out_dir: Path,
    *,
    seed: int = 42,
    companies: int = 60,
    people: int = 600,
    interactions: int = 5000,
    end: date | None = None,
) -> dict[str, int]:
    """Write a dataset to ``out_dir`` and return the rows written per file name.

    Interactions cover the two years ending at ``end`` (default: today, UTC).
    """
    _check_sizes(companies, people, interactions)
    last = end or datetime.now(UTC).date()
    rng = Random(seed)
    world = _build_world(rng, companies, people, _years_before(last, 2), last)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables: tuple[tuple[FileSpec, Iterable[Row]], ...] = (
        (COMPANIES, _company_rows(world)),
        (PEOPLE, _person_rows(world)),
        (PRODUCTS, _product_rows()),
        (OFFERS, _offer_rows(world)),
        (SUPPLIES, world.supplies),
        (ACCOUNT_MANAGERS, _account_manager_rows(world)),
        (INTERACTIONS, _interaction_rows(rng, world, interactions)),
    )
    return {
        f"{spec.name}.csv": _write_csv(
            out_dir / f"{spec.name}.csv", spec.required + spec.optional, rows
        )
        for spec, rows in tables
    }


def _check_sizes(companies: int, people: int, interactions: int) -> None:
    if companies < 2:
        raise ValueError("companies must be at least 2: the home company and one other")
    if people - _home_size(people) < companies - 1:
        raise ValueError(
            f"people={people} is too few for {companies} companies: "
            "every company needs a person and the home company two"
        )
    if interactions < 0:
        raise ValueError("interactions must not be negative")


def _write_csv(path: Path, header: Row, rows: Iterable[Row]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return folded.encode("ascii", "ignore").decode("ascii").lower()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text)).strip("-")


def _email_part(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", _ascii(text))


def _home_size(people: int) -> int:
    return max(2, round(people * HOME_SHARE))


def _build_world(rng: Random, companies: int, people: int, first: date, last: date) -> _World:
    world = _World(
        first.toordinal(), last.toordinal(), _build_companies(rng, companies), [], [], {}
    )
    _build_people(rng, world, people)
    _build_offers(rng, world.companies)
    _build_supplies(rng, world)
    _build_account_managers(rng, world)
    return world


def _build_companies(rng: Random, count: int) -> list[_Company]:
    width = _width(count, 4)
    home = _Company(f"c{1:0{width}d}", HOME_NAME, HOME_DOMAIN, "DE", HOME_INDUSTRY, "", "home")
    used = {HOME_DOMAIN}
    result = [home]
    others = count - 1
    for number, (tier, role) in enumerate(
        zip(
            _shuffled(rng, _tier_counts(others)), _shuffled(rng, _role_counts(others)), strict=True
        ),
        start=2,
    ):
        country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        industry = rng.choice(INDUSTRIES)
        name, domain = _company_identity(rng, country, industry, used)
        result.append(_Company(f"c{number:0{width}d}", name, domain, country, industry, tier, role))
    return result


def _tier_counts(count: int) -> dict[str, int]:
    strategic = max(1, round(count * STRATEGIC_SHARE))
    key = min(count - strategic, max(1, round(count * KEY_SHARE)))
    return {"strategic": strategic, "key": key, "standard": count - strategic - key}


def _role_counts(count: int) -> dict[str, int]:
    both = max(1, round(count * RECIPROCAL_SHARE))
    supplier = min(count - both, round(count * SUPPLIER_SHARE))
    return {"both": both, "supplier": supplier, "customer": count - both - supplier}


def _shuffled(rng: Random, counts: dict[str, int]) -> list[str]:
    labels = [label for label, number in counts.items() for _ in range(number)]
    rng.shuffle(labels)
    return labels


def _company_identity(
    rng: Random, country: str, industry: Industry, used: set[str]
) -> tuple[str, str]:
    tld = TOP_LEVEL_DOMAINS[country]
    for _ in range(20):
        core = _company_core(rng, country, industry)
        domain = _slug(core) + tld
        if domain not in used:
            break
    else:
        number = 2
        while f"{_slug(core)}{number}{tld}" in used:
            number += 1
        domain = f"{_slug(core)}{number}{tld}"
    used.add(domain)
    return f"{core} {rng.choice(LEGAL_FORMS[country])}", domain


def _company_core(rng: Random, country: str, industry: Industry) -> str:
    language = LANGUAGES[country]
    pattern = rng.random()
    surnames = PERSON_NAMES[language][2]
    if language == "de":
        if pattern < 0.4:
            return f"{rng.choice(GERMAN_PREFIXES)} {rng.choice(industry.german_words)}"
        if pattern < 0.7:
            return f"{rng.choice(surnames)} {rng.choice(industry.german_words)}"
        if pattern < 0.85:
            return f"{rng.choice(surnames)} & Söhne"
        return f"{rng.choice(surnames)} & {rng.choice(surnames)}"
    if language == "en":
        if pattern < 0.5:
            return (
                f"{rng.choice(ENGLISH_ADJECTIVES)} {rng.choice(ENGLISH_NOUNS)} "
                f"{rng.choice(industry.english_words)}"
            )
        if pattern < 0.8:
            return f"{rng.choice(BRANDS)} {rng.choice(industry.english_words)}"
        return f"{rng.choice(surnames)} & {rng.choice(surnames)}"
    if language == "fr":
        if pattern < 0.6:
            return f"{rng.choice(surnames)} {rng.choice(industry.french_words)}"
        return f"Groupe {rng.choice(surnames)}"
    if pattern < 0.6:
        surname = rng.choice(surnames)
        return f"{surname[0].upper()}{surname[1:]} {rng.choice(industry.english_words)}"
    return f"{rng.choice(BRANDS)} {rng.choice(industry.english_words)}"


def _build_people(rng: Random, world: _World, count: int) -> None:
    companies = world.companies
    sizes = _company_sizes(rng, companies, count)
    width = _width(count, 5)
    emails: set[str] = set()
    for index, (company, size) in enumerate(zip(companies, sizes, strict=True)):
        for position, level in enumerate(_levels(rng, size, 2 if index == HOME else 1)):
            person_id = f"p{len(world.people) + 1:0{width}d}"
            company.people.append(len(world.people))
            world.people.append(
                _new_person(rng, world, person_id, index, level, position == 0, emails)
            )
        _assign_managers(rng, world.people, company.people)


def _company_sizes(rng: Random, companies: list[_Company], count: int) -> list[int]:
    home = _home_size(count)
    others = companies[1:]
    sizes = [home] + [1] * len(others)
    weights = [
        min(rng.paretovariate(COMPANY_PARETO_ALPHA), COMPANY_WEIGHT_CAP) * TIER_SIZE[company.tier]
        for company in others
    ]
    sampler = _Weighted(range(1, len(companies)), weights)
    for _ in range(count - home - len(others)):
        sizes[sampler.draw(rng.random)] += 1
    return sizes


def _levels(rng: Random, size: int, executives: int) -> list[int]:
    """Levels of a company's people, most senior first: a pyramid with few executives."""
    drawn = rng.choices(range(len(LEVEL_WEIGHTS)), LEVEL_WEIGHTS, k=size - executives)
    levels = sorted([0] * executives + drawn)
    return [
        1 if level == 0 and position >= MAX_EXECUTIVES else level
        for position, level in enumerate(levels)
    ]


def _new_person(
    rng: Random,
    world: _World,
    person_id: str,
    company_index: int,
    level: int,
    top: bool,
    emails: set[str],
) -> _Person:
    company = world.companies[company_index]
    function = _function(rng, company.role, level, top)
    language = LANGUAGES[company.country]
    if rng.random() < FOREIGN_NAME_SHARE:
        language = rng.choice(FOREIGN_LANGUAGES)
    female = rng.random() < 0.5
    first, last = _person_name(rng, language, female)
    start, end = _employment(rng, level, world.first_day, world.last_day)
    return _Person(
        id=person_id,
        name=f"{first} {last}",
        email=_email(rng, first, last, company.domain, emails),
        company=company_index,
        title=_title(rng, level, function, company.country, female),
        level=level,
        function=function,
        start=start,
        end=end,
    )


def _function(rng: Random, role: str, level: int, top: bool) -> str:
    """The head of a company is a generalist; other executives run a function."""
    if top:
        return "general"
    if level == 0:
        return rng.choice(EXECUTIVE_FUNCTIONS)
    return rng.choices(FUNCTIONS, FUNCTION_WEIGHTS[role])[0]


def _person_name(rng: Random, language: str, female: bool) -> tuple[str, str]:
    females, males, surnames = PERSON_NAMES[language]
    first = rng.choice(females if female else males)
    last = rng.choice(surnames)
    if female and language == "pl":
        last = re.sub(r"([sc])ki$", r"\1ka", last)
    return first, last


def _email(rng: Random, first: str, last: str, domain: str, used: set[str]) -> str:
    if rng.random() < BLANK_EMAIL_SHARE:
        return ""
    local = f"{_email_part(first)}.{_email_part(last)}"
    email = f"{local}@{domain}"
    number = 2
    while email in used:
        email = f"{local}{number}@{domain}"
        number += 1
    used.add(email)
    return email


def _title(rng: Random, level: int, function: str, country: str, female: bool) -> str:
    german = LANGUAGES[country] == "de" and rng.random() < GERMAN_TITLE_SHARE
    language = "de" if german else "en"
    options = (
        _TITLE_INDEX.get((level, function, language))
        or _TITLE_INDEX.get((level, function, "en"))
        or _TITLE_INDEX[(level, "general", language)]
    )
    title = rng.choice(options)
    return (title.feminine or title.masculine) if female else title.masculine


def _index_titles() -> dict[tuple[int, str, str], tuple[Title, ...]]:
    index: dict[tuple[int, str, str], list[Title]] = {}
    for title in TITLES:
        index.setdefault((title.level, title.function, title.language), []).append(title)
    return {key: tuple(titles) for key, titles in index.items()}


_TITLE_INDEX = _index_titles()


def _employment(rng: Random, level: int, first_day: int, last_day: int) -> tuple[int, int | None]:
    window = last_day - first_day
    if level == 0:
        return last_day - rng.randint(window + 30, 25 * DAYS_PER_YEAR), None
    start = last_day - rng.randint(30, 15 * DAYS_PER_YEAR)
    earliest_end = max(start + 60, first_day - DAYS_PER_YEAR)
    if rng.random() < LEFT_SHARE and earliest_end < last_day:
        return start, rng.randint(earliest_end, last_day - 1)
    return start, None


def _assign_managers(rng: Random, people: list[_Person], members: list[int]) -> None:
    by_level: dict[int, list[int]] = {}
    by_function: dict[tuple[int, str], list[int]] = {}
    for member in members:
        person = people[member]
        by_level.setdefault(person.level, []).append(member)
        by_function.setdefault((person.level, person.function), []).append(member)
    for member in members:
        person = people[member]
        senior = [level for level in by_level if level < person.level]
        if not senior or rng.random() < BLANK_MANAGER_SHARE:
            continue
        nearest = max(senior)
        person.manager = rng.choice(
            by_function.get((nearest, person.function)) or by_level[nearest]
        )


def _stop(person: _Person, last_day: int) -> int:
    return last_day + 1 if person.end is None else person.end


def _products_in(categories: Iterable[str]) -> list[int]:
    wanted = {_CATEGORY_INDEX[name] for name in categories}
    return [index for index, (_, category) in enumerate(_PRODUCTS) if category in wanted]


def _product_id(index: int) -> str:
    return f"prod{index + 1:0{_width(len(_PRODUCTS), 3)}d}"


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _build_offers(rng: Random, companies: list[_Company]) -> None:
    for company in companies:
        pool = _products_in(company.industry.categories)
        if company.role == "home":
            company.offers = pool
            continue
        picks = rng.sample(pool, min(rng.choice(OFFER_COUNTS), len(pool)))
        if rng.random() < DIVERSIFIED_SHARE and len(picks) < max(OFFER_COUNTS):
            extra = rng.randrange(len(_PRODUCTS))
            if extra not in picks:
                picks.append(extra)
        company.offers = sorted(picks)


def _build_supplies(rng: Random, world: _World) -> None:
    companies = world.companies
    for index, company in enumerate(companies[1:], start=1):
        if company.role in ("supplier", "both"):
            _add_supplies(rng, world, index, HOME, company.tier)
        if company.role in ("customer", "both"):
            _add_supplies(rng, world, HOME, index, company.tier)
    if len(companies) < 3:
        return
    seen: set[tuple[int, int]] = set()
    for _ in range((len(companies) - 1) // 2):
        supplier, customer = rng.sample(range(1, len(companies)), 2)
        if (supplier, customer) not in seen:
            seen.add((supplier, customer))
            _add_supplies(rng, world, supplier, customer, "standard")


def _add_supplies(rng: Random, world: _World, supplier: int, customer: int, tier: str) -> None:
    seller, buyer = world.companies[supplier], world.companies[customer]
    keys: set[tuple[str, int]] = set()
    rows = min(rng.choice(SUPPLY_ROW_COUNTS), len(seller.offers))
    for product in rng.sample(seller.offers, rows):
        category = _PRODUCTS[product][1]
        product_id = "" if rng.random() < CATEGORY_ONLY_SHARE else _product_id(product)
        if (product_id, category) in keys:
            product_id = _product_id(product)
        keys.add((product_id, category))
        since, until = _contract_dates(rng, world.last_day)
        world.supplies.append(
            (
                seller.id,
                buyer.id,
                product_id,
                CATEGORIES[category].name,
                _annual_value(rng, tier),
                _currency(rng, seller.country),
                since,
                until,
            )
        )
        if supplier == HOME:
            _add_topic(buyer, category)
        if customer == HOME:
            _add_topic(seller, category)
            _add_topic(buyer, category)


def _add_topic(company: _Company, category: int) -> None:
    if category not in company.topics:
        company.topics.append(category)


def _annual_value(rng: Random, tier: str) -> str:
    mu = math.log(MEDIAN_ANNUAL_VALUE) + TIER_VALUE_SHIFT[tier]
    value = rng.lognormvariate(mu, ANNUAL_VALUE_SIGMA)
    if rng.random() < DECIMAL_VALUE_SHARE:
        return f"{value:.2f}"
    return str(max(100, int(round(value, -2))))


def _currency(rng: Random, country: str) -> str:
    if rng.random() < LOCAL_CURRENCY_SHARE:
        return LOCAL_CURRENCIES.get(country, "EUR")
    return rng.choice(CURRENCIES)


def _contract_dates(rng: Random, last_day: int) -> tuple[str, str]:
    since = last_day - rng.randint(60, 12 * DAYS_PER_YEAR)
    if rng.random() < ENDED_CONTRACT_SHARE and since + 30 < last_day:
        return _iso(since), _iso(rng.randint(since + 30, last_day - 1))
    return _iso(since), ""


def _build_account_managers(rng: Random, world: _World) -> None:
    people = world.people
    current = [member for member in world.companies[HOME].people if people[member].end is None]
    pool = (
        [member for member in current if KEY_ACCOUNT_TITLE in people[member].title]
        or [member for member in current if people[member].function in ("key_account", "sales")]
        or current
    )
    for index, company in enumerate(world.companies):
        if company.tier in ("strategic", "key"):
            count = min(rng.choice(ACCOUNT_MANAGER_COUNTS), len(pool))
            world.account_managers[index] = rng.sample(pool, count)


def _company_rows(world: _World) -> Iterator[Row]:
    for company in world.companies:
        yield (
            company.id,
            company.name,
            company.domain,
            company.country,
            company.industry.name,
            company.tier,
            "true" if company.role == "home" else "",
        )


def _person_rows(world: _World) -> Iterator[Row]:
    people, companies = world.people, world.companies
    for person in people:
        manager = "" if person.manager is None else people[person.manager].id
        ended = "" if person.end is None else _iso(person.end)
        yield (
            person.id,
            person.name,
            person.email,
            companies[person.company].id,
            person.title,
            "",
            manager,
            _iso(person.start),
            ended,
        )


def _product_rows() -> Iterator[Row]:
    for index, (name, category) in enumerate(_PRODUCTS):
        yield _product_id(index), name, CATEGORIES[category].name


def _offer_rows(world: _World) -> Iterator[Row]:
    for company in world.companies:
        for product in company.offers:
            yield company.id, _product_id(product)


def _account_manager_rows(world: _World) -> Iterator[Row]:
    for company, managers in world.account_managers.items():
        for manager in managers:
            yield world.people[manager].id, world.companies[company].id


def _interaction_rows(rng: Random, world: _World, count: int) -> Iterator[Row]:
    if count == 0:
        return
    factory = _InteractionFactory(rng, world)
    width = _width(count, 7)
    number = 0
    for day, day_count in _day_counts(rng, world.first_day, world.last_day, count):
        for row in factory.day(day, day_count):
            number += 1
            yield (f"i{number:0{width}d}", *row)


def _day_counts(
    rng: Random, first_day: int, last_day: int, total: int
) -> Iterator[tuple[int, int]]:
    days = [day for day in range(first_day, last_day + 1) if date.fromordinal(day).weekday() < 5]
    weights = [
        _day_weight(date.fromordinal(day), position / len(days)) * rng.uniform(0.75, 1.25)
        for position, day in enumerate(days)
    ]
    cumulative = list(accumulate(weights))
    bounds = [min(total, round(value * total / cumulative[-1])) for value in cumulative]
    bounds[-1] = total
    previous = 0
    for day, bound in zip(days, bounds, strict=True):
        yield day, bound - previous
        previous = bound


def _day_weight(day: date, progress: float) -> float:
    holidays = (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 6)
    return (
        MONTH_ACTIVITY[day.month - 1]
        * WEEKDAY_ACTIVITY[day.weekday()]
        * (HOLIDAY_ACTIVITY if holidays else 1.0)
        * (1.0 + GROWTH * progress)
    )


def _time_table(minutes: Sequence[tuple[int, float]]) -> _Weighted[str]:
    slots = [
        (f"{hour:02d}:{minute:02d}:00Z", hour_weight * minute_weight)
        for hour, hour_weight in HOUR_WEIGHTS
        for minute, minute_weight in minutes
    ]
    return _Weighted([slot for slot, _ in slots], [weight for _, weight in slots])


def _pair_weight(rng: Random) -> float:
    return min(rng.paretovariate(PAIR_PARETO_ALPHA), PAIR_WEIGHT_CAP)


def _pair_days(
    rng: Random, world: _World, first: _Person, second: _Person
) -> tuple[int, int] | None:
    start = max(first.start, second.start, world.first_day)
    stop = min(_stop(first, world.last_day), _stop(second, world.last_day))
    if start >= stop:
        return None
    draw = rng.random()
    if draw < LATE_START_SHARE:
        start = rng.randint(start, stop - 1)
    elif draw < LATE_START_SHARE + EARLY_END_SHARE:
        stop = rng.randint(start + 1, stop)
    return start, stop


def _external_pairs(rng: Random, world: _World) -> _Pairs:
    people, home = world.people, world.companies[HOME]
    executives = [member for member in home.people if people[member].level == 0]
    pools = {
        role: [member for member in home.people if people[member].function in functions]
        or home.people
        for role, functions in INTERNAL_FUNCTIONS.items()
    }
    pairs = _Pairs()
    for index, company in enumerate(world.companies[1:], start=1):
        _add_account_pairs(rng, world, pairs, index, rng.choice(executives), pools[company.role])
    pairs.freeze()
    return pairs


def _add_account_pairs(
    rng: Random, world: _World, pairs: _Pairs, index: int, executive: int, pool: list[int]
) -> None:
    people, company = world.people, world.companies[index]
    managers = world.account_managers.get(index, [])
    top = company.people[0]
    pairs.add(
        executive,
        top,
        index,
        (world.first_day, world.last_day + 1),
        TIER_ACTIVITY[company.tier] * LEVEL_ACTIVITY[0],
        anchor=True,
    )
    seen = {(executive, top)}
    for member in company.people:
        for _ in range(rng.choice(CONTACT_COUNTS)):
            use_manager = bool(managers) and rng.random() < ACCOUNT_MANAGER_CONTACT_SHARE
            internal = rng.choice(managers if use_manager else pool)
            days = _pair_days(rng, world, people[internal], people[member])
            if days is None or (internal, member) in seen:
                continue
            seen.add((internal, member))
            weight = (
                _pair_weight(rng)
                * TIER_ACTIVITY[company.tier]
                * LEVEL_ACTIVITY[people[member].level]
                * (ACCOUNT_MANAGER_ACTIVITY if internal in managers else 1.0)
            )
            pairs.add(internal, member, index, days, weight)


def _internal_pairs(rng: Random, world: _World) -> _Pairs:
    people, members = world.people, world.companies[HOME].people
    by_function: dict[str, list[int]] = {}
    for member in members:
        by_function.setdefault(people[member].function, []).append(member)
    pairs = _Pairs()
    pairs.add(members[0], members[1], HOME, (world.first_day, world.last_day + 1), 1.0, anchor=True)
    for member in members:
        person = people[member]
        for colleague in (person.manager, rng.choice(by_function[person.function])):
            if colleague is None or colleague == member:
                continue
            days = _pair_days(rng, world, person, people[colleague])
            if days is not None:
                pairs.add(member, colleague, HOME, days, _pair_weight(rng))
    pairs.freeze()
    return pairs


class _InteractionFactory:
    """Draws one day's interactions at a time from the precomputed pairs."""

    def __init__(self, rng: Random, world: _World) -> None:
        people, companies = world.people, world.companies
        self._random = rng.random
        self._ids = [person.id for person in people]
        self._start = [person.start for person in people]
        self._stop = [_stop(person, world.last_day) for person in people]
        self._managers = [-1 if person.manager is None else person.manager for person in people]
        self._members = [company.people for company in companies]
        self._company_ids = [""] + [company.id for company in companies[1:]]
        self._roles = [company.role for company in companies]
        self._topics = [company.topics for company in companies]
        self._external = _external_pairs(rng, world)
        self._internal = _internal_pairs(rng, world)
        self._external_kinds = _Weighted(KINDS, EXTERNAL_KIND_WEIGHTS)
        self._internal_kinds = _Weighted(KINDS, INTERNAL_KIND_WEIGHTS)
        self._scheduled_times = _time_table(SCHEDULED_MINUTES)
        self._any_times = _time_table([(minute, 1.0) for minute in range(60)])
        self._subjects: dict[tuple[str, int, int, int], str] = {}

    def day(self, ordinal: int, count: int) -> list[Row]:
        """Return ``count`` interactions on the given day, in time order."""
        today = date.fromordinal(ordinal)
        prefix = today.isoformat() + "T"
        quarter = (today.month - 1) // 3 + 1
        rows = [self._row(ordinal, prefix, today.year, quarter) for _ in range(count)]
        rows.sort(key=itemgetter(1))
        return rows

    def _row(self, day: int, prefix: str, year: int, quarter: int) -> Row:
        random = self._random
        internal = random() < INTERNAL_SHARE
        pairs = self._internal if internal else self._external
        index = pairs.pick(random, day)
        first, second, company = pairs.first[index], pairs.second[index], pairs.company[index]
        kind = (self._internal_kinds if internal else self._external_kinds).draw(random)
        participants = [first, second]
        extras = EXTRA_PARTICIPANTS[kind]
        for _ in range(extras[int(random() * len(extras))]):
            self._add_extra(participants, company, day)
        times = self._scheduled_times if kind in SCHEDULED_KINDS else self._any_times
        initiator = self._initiator(kind, first, second, company)
        ids = self._ids
        return (
            kind,
            prefix + times.draw(random),
            ";".join([ids[participant] for participant in participants]),
            "" if initiator < 0 else ids[initiator],
            self._subject(kind, company, year, quarter),
            self._company_ids[company],
        )

    def _add_extra(self, participants: list[int], company: int, day: int) -> None:
        random = self._random
        if company == HOME or random() < INTERNAL_EXTRA_SHARE:
            manager = self._managers[participants[0]]
            if manager >= 0 and random() < MANAGER_EXTRA_SHARE:
                candidate = manager
            else:
                candidate = self._members[HOME][int(random() * len(self._members[HOME]))]
        else:
            members = self._members[company]
            candidate = members[int(random() * len(members))]
        if candidate not in participants and self._start[candidate] <= day < self._stop[candidate]:
            participants.append(candidate)

    def _initiator(self, kind: str, first: int, second: int, company: int) -> int:
        rule = INITIATOR_RULES[kind]
        if rule == "mutual" or (rule == "mostly" and self._random() < UNDIRECTED_CALL_SHARE):
            return -1
        if rule == "internal":
            return first
        role = self._roles[company]
        if rule in ("seller", "buyer") and role in ("supplier", "customer"):
            return second if (role == "supplier") == (rule == "seller") else first
        return first if self._random() < 0.5 else second

    def _subject(self, kind: str, company: int, year: int, quarter: int) -> str:
        random = self._random
        templates = INTERNAL_SUBJECTS if company == HOME else SUBJECTS[kind]
        template = templates[int(random() * len(templates))]
        topics = self._topics[company]
        topic = topics[int(random() * len(topics))]
        key = (template, topic, year, quarter)
        subject = self._subjects.get(key)
        if subject is None:
            category = CATEGORIES[topic]
            subject = template.format(
                category=category.name,
                category_de=category.german,
                year=year,
                next_year=year + 1,
                quarter=f"Q{quarter}",
            )
            self._subjects[key] = subject
        return subject
