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
from typing import NamedTuple


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
    Category("electronics", "Elektronik", (
        'Business laptop 14"', 'Monitor 27", 4K', "Docking station USB-C",
        "Smartphone fleet package", "Thin client", "Wireless headset", "Label printer",
    )),
    Category("office furniture", "Büromöbel", (
        "Office chair ErgoPro", "Height-adjustable desk", "Meeting table, oak",
        "Acoustic panel", "Filing cabinet", "Lounge sofa",
    )),
    Category("logistics", "Logistik", (
        "Full truckload (FTL)", "Less-than-truckload (LTL)", "Warehousing, per pallet",
        "Express parcel", "Sea freight FCL", "Air freight",
    )),
    Category("packaging", "Verpackung", (
        "Corrugated box, double wall", "Stretch film", "Euro pallet", "Foam inserts",
        "Shipping labels",
    )),
    Category("raw materials", "Rohstoffe", (
        "Aluminium sheet", "Copper wire", "Stainless steel coil",
        "Polypropylene granulate", "Brass rod",
    )),
    Category("chemicals", "Chemikalien", (
        "Isopropyl alcohol", "Industrial adhesive", "Cleaning agents", "Lubricants",
        "Solder paste",
    )),
    Category("software", "Software", (
        "ERP licence", "CRM subscription", "Office suite licence", "Endpoint security",
        "Warehouse management system",
    )),
    Category("IT services", "IT-Dienstleistungen", (
        "Managed service desk", "Cloud hosting", "Network installation",
        "IT consulting, day rate", "Data centre colocation",
    )),
    Category("facility services", "Facility Services", (
        "Office cleaning", "Security services", "Building maintenance", "Catering",
        "Waste management",
    )),
    Category("machinery", "Maschinen", (
        "CNC milling machine", "Forklift truck", "Conveyor system", "Packaging machine",
        "Spare parts kit",
    )),
    Category("food & beverages", "Lebensmittel & Getränke", (
        "Coffee beans, 1 kg", "Mineral water", "Fruit basket service", "Snack vending",
    )),
    Category("marketing services", "Marketing", (
        "Trade fair booth", "Print brochures", "Online campaign", "Promotional items",
        'Photo shoot "product range"',
    )),
)

INDUSTRIES: tuple[Industry, ...] = (
    Industry("Office furniture", ("office furniture",),
             ("Büromöbel", "Möbelwerke", "Objekteinrichtung"),
             ("Furniture", "Office Interiors", "Seating"), ("Mobilier", "Agencement")),
    Industry("Logistics", ("logistics",), ("Logistik", "Spedition", "Transporte"),
             ("Logistics", "Freight", "Transport"), ("Logistique", "Transports")),
    Industry("Packaging", ("packaging",), ("Verpackung", "Kartonagen", "Verpackungswerke"),
             ("Packaging", "Containers", "Paperboard"), ("Emballages", "Cartonnages")),
    Industry("Metals", ("raw materials",), ("Metallhandel", "Stahlhandel", "Metallwerke"),
             ("Metals", "Steel", "Alloys"), ("Métaux", "Aciers")),
    Industry("Chemicals", ("chemicals", "raw materials"), ("Chemie", "Chemiewerke"),
             ("Chemicals", "Chemical"), ("Chimie",)),
    Industry("Software", ("software", "IT services"), ("Software", "Systemhaus", "Informatik"),
             ("Software", "Systems", "Digital"), ("Logiciels", "Informatique")),
    Industry("IT services", ("IT services", "software"), ("IT-Services", "Datentechnik"),
             ("IT Services", "Technologies", "Solutions"), ("Services Informatiques",)),
    Industry("Facility management", ("facility services",),
             ("Gebäudeservice", "Facility Management", "Gebäudedienste"),
             ("Facility Services", "Property Services"), ("Services", "Propreté")),
    Industry("Machinery", ("machinery",), ("Maschinenbau", "Anlagenbau", "Antriebstechnik"),
             ("Machinery", "Engineering", "Industrial"), ("Machines", "Mécanique")),
    Industry("Electronic components", ("electronics",),
             ("Elektronik", "Elektrotechnik", "Bauelemente"),
             ("Components", "Electronics", "Devices"), ("Électronique", "Composants")),
    Industry("Food & beverages", ("food & beverages",), ("Feinkost", "Lebensmittel", "Getränke"),
             ("Foods", "Beverages", "Provisions"), ("Alimentaire", "Boissons")),
    Industry("Marketing services", ("marketing services",),
             ("Werbeagentur", "Kommunikation", "Medien"),
             ("Media", "Marketing", "Communications"), ("Communication", "Médias")),
    Industry("Wholesale", ("office furniture", "packaging", "food & beverages"),
             ("Großhandel", "Handelshaus"), ("Wholesale", "Trading", "Distribution"),
             ("Distribution", "Négoce")),
    Industry("Automotive", ("machinery", "raw materials"), ("Fahrzeugtechnik", "Automotive"),
             ("Automotive", "Motors"), ("Automobile",)),
)

HOME_NAME = "Vellmar Elektronik AG"
HOME_DOMAIN = "vellmar-elektronik.de"
HOME_INDUSTRY = Industry("Electronics distribution", ("electronics", "software"),
                         ("Elektronik",), ("Electronics",), ("Électronique",))

COUNTRIES: tuple[str, ...] = ("DE", "AT", "CH", "US", "GB", "FR", "NL", "PL")
COUNTRY_WEIGHTS: tuple[float, ...] = (0.38, 0.08, 0.07, 0.13, 0.10, 0.08, 0.08, 0.08)
LANGUAGES = {"DE": "de", "AT": "de", "CH": "de", "US": "en", "GB": "en",
             "FR": "fr", "NL": "nl", "PL": "pl"}
TOP_LEVEL_DOMAINS = {"DE": ".de", "AT": ".at", "CH": ".ch", "US": ".com", "GB": ".co.uk",
                     "FR": ".fr", "NL": ".nl", "PL": ".pl"}
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
CURRENCIES: tuple[str, ...] = ("EUR", "USD", "GBP")

GERMAN_PREFIXES: tuple[str, ...] = (
    "Nordwind", "Alpen", "Rhein", "Elbe", "Hanse", "Donau", "Isar", "Bergland", "Falken",
    "Eichen", "Sonnen", "Weser", "Süd", "Stern", "Adler", "Löwen", "Grün", "Mosel", "Main",
    "Taunus", "Harz", "Brücken", "Bären", "Kronen", "Ostsee", "Spree", "Tannen", "Wald",
)
ENGLISH_ADJECTIVES: tuple[str, ...] = (
    "Blue", "Silver", "Red", "Golden", "North", "Summit", "Pioneer", "Granite", "Cedar",
    "Iron", "Bright", "Clear", "Evergreen", "Crescent", "Oak", "Falcon", "Liberty", "Royal",
    "Pacific", "Atlantic", "Highland", "Keystone", "Northern", "Western", "United",
)
ENGLISH_NOUNS: tuple[str, ...] = (
    "Harbor", "River", "Ridge", "Peak", "Bay", "Rock", "Field", "Stone", "Bridge", "Valley",
    "Point", "Gate", "Lake", "Crest", "Star", "Line", "Works", "Path",
)
BRANDS: tuple[str, ...] = (
    "Apex", "Vertex", "Nexus", "Zenith", "Orion", "Vector", "Quantum", "Atlas", "Titan",
    "Nova", "Prime", "Stratos", "Vantage", "Helix", "Axiom", "Optima", "Meridian", "Sigma",
    "Cobalt", "Arcadia",
)

GERMAN_FEMALE: tuple[str, ...] = (
    "Anna", "Katrin", "Sabine", "Jana", "Lena", "Birgit", "Ute", "Petra", "Monika", "Claudia",
    "Julia", "Sophie", "Lea", "Marie", "Charlotte", "Käthe", "Ingrid", "Susanne", "Stefanie",
    "Nicole", "Andrea", "Anja", "Heike", "Franziska", "Mareike", "Jördis", "Anne-Marie",
    "Gül", "Ayşe", "Hannelore",
)
GERMAN_MALE: tuple[str, ...] = (
    "Jürgen", "Jörg", "Björn", "Sören", "Günther", "Uwe", "Klaus", "Thomas", "Michael",
    "Andreas", "Stefan", "Frank", "Markus", "Matthias", "Tobias", "Florian", "Lukas", "Jan",
    "Dirk", "Ralf", "Holger", "Hans-Peter", "Karl-Heinz", "Wolfgang", "Bernd", "Mehmet",
    "Niklas", "Maximilian", "Till", "Malte",
)
GERMAN_LAST: tuple[str, ...] = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
    "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Köhler", "Weiß", "Groß",
    "Jäger", "Böhm", "Möller", "Yılmaz", "Schmidt-Lange", "von Bülow",
)
ENGLISH_FEMALE: tuple[str, ...] = (
    "Emma", "Olivia", "Sarah", "Emily", "Jessica", "Hannah", "Laura", "Rachel", "Megan",
    "Chloe", "Zoë", "Charlotte", "Amelia", "Grace", "Sophie", "Rebecca", "Claire", "Lucy",
    "Katherine", "Jennifer", "Michelle", "Amanda", "Niamh", "Siobhán", "Renée",
)
ENGLISH_MALE: tuple[str, ...] = (
    "James", "John", "Robert", "Michael", "David", "William", "Richard", "Thomas", "Daniel",
    "Matthew", "Andrew", "Christopher", "Mark", "Paul", "Steven", "Kevin", "Brian", "Jason",
    "Oliver", "Harry", "George", "Jack", "Liam", "Seán", "Ethan",
)
ENGLISH_LAST: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
    "Anderson", "Thomas", "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "Lewis",
    "Walker", "Hall", "Young", "King", "Wright", "Green", "Baker", "Carter", "Evans",
    "Hughes", "O'Brien", "O'Connor", "McDonald", "Fitzgerald", "Patel", "Nguyen", "Zhang",
)
FRENCH_FEMALE: tuple[str, ...] = (
    "Camille", "Chloé", "Léa", "Manon", "Inès", "Élodie", "Sophie", "Amélie", "Céline",
    "Hélène", "Margaux", "Juliette",
)
FRENCH_MALE: tuple[str, ...] = (
    "Jean", "Pierre", "Louis", "Hugo", "Lucas", "Théo", "François", "Étienne", "Nicolas",
    "Julien", "Mathieu", "Benoît",
)
FRENCH_LAST: tuple[str, ...] = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Lefèvre", "Girard", "Fontaine", "Rousseau", "Mercier", "Blanc", "Guérin",
    "Faure", "Chevalier", "Lambert",
)
DUTCH_FEMALE: tuple[str, ...] = (
    "Anouk", "Sanne", "Fleur", "Lotte", "Femke", "Esther", "Marloes", "Ilse", "Noor", "Eva",
)
DUTCH_MALE: tuple[str, ...] = (
    "Daan", "Sem", "Bram", "Jeroen", "Joost", "Pieter", "Maarten", "Sjoerd", "Ruud",
    "Wouter", "Thijs", "Lars",
)
DUTCH_LAST: tuple[str, ...] = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker",
)
POLISH_FEMALE: tuple[str, ...] = (
    "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna", "Zofia",
    "Aleksandra", "Ewa", "Natalia",
)
POLISH_MALE: tuple[str, ...] = (
    "Piotr", "Krzysztof", "Tomasz", "Paweł", "Łukasz", "Michał", "Marcin", "Jakub",
    "Grzegorz", "Wojciech",
)
POLISH_LAST: tuple[str, ...] = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk",
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
    Title(0, "general", "en", "Chief Operating Officer"),
    Title(0, "general", "de", "Geschäftsführer", "Geschäftsführerin"),
    Title(0, "general", "de", "Vorstandsvorsitzender", "Vorstandsvorsitzende"),
    Title(0, "general", "de", "Inhaber", "Inhaberin"),
    Title(0, "general", "de", "Geschäftsführender Gesellschafter",
          "Geschäftsführende Gesellschafterin"),
    Title(0, "procurement", "en", "Chief Procurement Officer"),
    Title(0, "procurement", "de", "Vorstand Einkauf"),
    Title(0, "sales", "en", "Chief Sales Officer"),
    Title(0, "sales", "en", "Chief Commercial Officer"),
    Title(0, "sales", "de", "Vorstand Vertrieb"),
    Title(0, "supply_chain", "en", "Chief Supply Chain Officer"),
    Title(0, "supply_chain", "de", "Geschäftsführer Logistik", "Geschäftsführerin Logistik"),
    Title(0, "finance", "en", "Chief Financial Officer"),
    Title(0, "finance", "en", "CFO"),
    Title(0, "finance", "de", "Vorstand Finanzen"),
    Title(0, "finance", "de", "Kaufmännischer Geschäftsführer",
          "Kaufmännische Geschäftsführerin"),
    Title(1, "general", "en", "VP Operations"),
    Title(1, "general", "en", "SVP Operations"),
    Title(1, "general", "en", "EVP Strategy"),
    Title(1, "general", "de", "Bereichsleiter Operations", "Bereichsleiterin Operations"),
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
    Title(2, "general", "de", "Prokurist", "Prokuristin"),
    Title(2, "procurement", "en", "Procurement Director"),
    Title(2, "procurement", "en", "Director of Strategic Sourcing"),
    Title(2, "procurement", "de", "Direktor Einkauf", "Direktorin Einkauf"),
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
    Title(3, "general", "de", "Abteilungsleiter Verwaltung", "Abteilungsleiterin Verwaltung"),
    Title(3, "procurement", "en", "Procurement Manager"),
    Title(3, "procurement", "en", "Category Manager"),
    Title(3, "procurement", "en", "Purchasing Manager"),
    Title(3, "procurement", "en", "Lead Buyer"),
    Title(3, "procurement", "de", "Teamleiter Einkauf", "Teamleiterin Einkauf"),
    Title(3, "procurement", "de", "Abteilungsleiter Einkauf", "Abteilungsleiterin Einkauf"),
    Title(3, "sales", "en", "Sales Manager"),
    Title(3, "sales", "en", "Account Manager"),
    Title(3, "sales", "de", "Teamleiter Vertrieb", "Teamleiterin Vertrieb"),
    Title(3, "sales", "de", "Gebietsverkaufsleiter", "Gebietsverkaufsleiterin"),
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
EXECUTIVE_GENERALIST_SHARE = 0.5
FUNCTIONS: tuple[str, ...] = (
    "general", "procurement", "sales", "key_account", "supply_chain", "finance",
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

TIERS: tuple[str, ...] = ("strategic", "key", "standard")
TIER_SIZE = {"strategic": 4.0, "key": 2.0, "standard": 1.0}
TIER_ACTIVITY = {"strategic": 3.0, "key": 2.0, "standard": 1.0}
TIER_VALUE_SHIFT = {"strategic": 1.5, "key": 0.8, "standard": 0.0}

HOME_SHARE = 0.2
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
ACCOUNT_MANAGER_CONTACT_SHARE = 0.5
LATE_START_SHARE = 0.12
EARLY_END_SHARE = 0.12
INTERNAL_SHARE = 0.08
INTERNAL_EXTRA_SHARE = 0.35
MANAGER_EXTRA_SHARE = 0.5
UNDIRECTED_CALL_SHARE = 0.15
PICK_ATTEMPTS = 8
DAYS_PER_YEAR = 365

KINDS: tuple[str, ...] = (
    "email", "call", "meeting", "video_call", "message", "event", "negotiation", "rfp",
    "gift", "note",
)
EXTERNAL_KIND_WEIGHTS: tuple[float, ...] = (
    0.35, 0.18, 0.14, 0.12, 0.09, 0.04, 0.03, 0.025, 0.015, 0.01,
)
INTERNAL_KIND_WEIGHTS: tuple[float, ...] = (0.30, 0.08, 0.35, 0.15, 0.12, 0, 0, 0, 0, 0)
SCHEDULED_KINDS = frozenset({"meeting", "event", "video_call", "negotiation"})
INITIATOR_RULES = {
    "email": "either", "call": "mostly", "meeting": "mutual", "video_call": "mutual",
    "message": "either", "event": "mutual", "negotiation": "mutual", "rfp": "buyer",
    "gift": "seller", "note": "internal",
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
        "Re: {category} delivery schedule", "Offer {category} {year}",
        "Angebot {category_de} {year}", "Re: Lieferverzug, Rückfrage",
        "Invoice query, {quarter} {year}", "Price list {next_year}",
        'Re: "{category}" specifications', "Follow-up: price review {quarter}",
        "Auftragsbestätigung {category_de}", "Re: Re: samples, next steps",
    ),
    "call": (
        "Quick sync {category}", "Delivery status", "Rückruf wegen Preisanpassung",
        "Forecast {quarter} {year}", "Quality issue, follow-up",
        "Telefonat Lieferantenbewertung",
    ),
    "meeting": (
        "Quartalsgespräch {quarter} {year}", "Jahresgespräch {year}",
        "{quarter} business review", "Site visit, {category}", "Lunch",
        "Strategy workshop {next_year}", "Werksbesichtigung",
    ),
    "video_call": (
        "{quarter} price review", "Teams: forecast {quarter}", "Onboarding {category}",
        "Supplier scorecard review {year}", "Kick-off: {category} {next_year}",
    ),
    "message": (
        "Running 10 min late", 'Quick question re "{category}"', "Thanks!",
        "Kurze Rückfrage", "Call later?",
    ),
    "event": (
        "Hannover Messe {year}", "Customer day {year}", "Supplier Day {year}, Kick-off",
        "Sommerfest {year}", "Christmas dinner {year}", "LogiMAT {year}", "Golf day",
    ),
    "negotiation": (
        "Price negotiation {category} {next_year}", "Rahmenvertrag {category_de} {next_year}",
        "Contract renewal, {category}", "Jahresvereinbarung {next_year}",
        "Konditionen {next_year}",
    ),
    "rfp": (
        "RFP: {category} {next_year}", "Ausschreibung {category_de} {next_year}",
        "RFQ {category}, lot 2", 'Tender "{category} {next_year}"',
    ),
    "gift": (
        "Christmas hamper", 'Bottle of wine, "Thank you"', "Weihnachtspräsent",
        "Tickets, Bundesliga", 'Book: "The Goal"',
    ),
    "note": (
        "Account notes", "Key facts, {category}", "Gesprächsnotiz",
        "Risk: delivery delays", "Org chart update",
    ),
}
INTERNAL_SUBJECTS: tuple[str, ...] = (
    "Weekly sync", "Account planning {year}", "Budget {next_year}", "Team meeting Einkauf",
    "Sales pipeline review, {quarter}", "Abstimmung Rahmenvertrag {category_de}",
    "Supplier strategy: {category}", "1:1",
)
HOUR_WEIGHTS: tuple[tuple[int, float], ...] = (
    (7, 0.02), (8, 0.08), (9, 0.13), (10, 0.14), (11, 0.12), (12, 0.06), (13, 0.09),
    (14, 0.12), (15, 0.11), (16, 0.08), (17, 0.04), (18, 0.01),
)
SCHEDULED_MINUTES: tuple[tuple[int, float], ...] = ((0, 0.45), (15, 0.1), (30, 0.35), (45, 0.1))

COMPANY_HEADER = ("id", "name", "domain", "country", "industry", "tier", "is_home")
PERSON_HEADER = ("id", "name", "email", "company_id", "title", "seniority", "manager_id",
                 "started_at", "ended_at")
PRODUCT_HEADER = ("id", "name", "category")
OFFER_HEADER = ("company_id", "product_id")
SUPPLY_HEADER = ("supplier_id", "customer_id", "product_id", "category", "annual_value",
                 "currency", "since", "until")
INTERACTION_HEADER = ("id", "kind", "occurred_at", "participant_ids", "initiator_id",
                      "subject", "company_id")
ACCOUNT_MANAGER_HEADER = ("person_id", "company_id")

_ASCII_FOLD = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
    "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae",
    "œ": "oe", "Œ": "Oe",
})
_CATEGORY_INDEX = {category.name: index for index, category in enumerate(CATEGORIES)}
_PRODUCTS: tuple[tuple[str, int], ...] = tuple(
    (name, index) for index, category in enumerate(CATEGORIES) for name in category.products
)

Row = tuple[str, ...]


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
    cumulative: list[float] = field(default_factory=list)

    def add(self, first: int, second: int, company: int, days: tuple[int, int],
            weight: float, *, anchor: bool = False) -> None:
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
        """Prepare the cumulative weights for sampling."""
        self.cumulative = list(accumulate(self.weights))

    def pick(self, random: Callable[[], float], day: int) -> int:
        """Draw a pair by weight among those active on ``day``."""
        cumulative, total = self.cumulative, self.cumulative[-1]
        last = len(cumulative) - 1
        for _ in range(PICK_ATTEMPTS):
            index = min(bisect(cumulative, random() * total), last)
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
    tables: tuple[tuple[str, Row, Iterable[Row]], ...] = (
        ("companies.csv", COMPANY_HEADER, _company_rows(world)),
        ("people.csv", PERSON_HEADER, _person_rows(world)),
        ("products.csv", PRODUCT_HEADER, _product_rows()),
        ("offers.csv", OFFER_HEADER, _offer_rows(world)),
        ("supplies.csv", SUPPLY_HEADER, world.supplies),
        ("account_managers.csv", ACCOUNT_MANAGER_HEADER, _account_manager_rows(world)),
        ("interactions.csv", INTERACTION_HEADER, _interaction_rows(rng, world, interactions)),
    )
    return {name: _write_csv(out_dir / name, header, rows) for name, header, rows in tables}


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
    world = _World(first.toordinal(), last.toordinal(), _build_companies(rng, companies),
                   [], [], {})
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
        zip(_shares(rng, others, _tier_counts(others)), _shares(rng, others, _role_counts(others)),
            strict=True),
        start=2,
    ):
        country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        industry = rng.choice(INDUSTRIES)
        name, domain = _company_identity(rng, country, industry, used)
        result.append(_Company(f"c{number:0{width}d}", name, domain, country, industry,
                               tier, role))
    return result


def _tier_counts(count: int) -> dict[str, int]:
    strategic = max(1, round(count * STRATEGIC_SHARE))
    key = min(count - strategic, max(1, round(count * KEY_SHARE)))
    return {"strategic": strategic, "key": key, "standard": count - strategic - key}


def _role_counts(count: int) -> dict[str, int]:
    both = max(1, round(count * RECIPROCAL_SHARE))
    supplier = min(count - both, round(count * SUPPLIER_SHARE))
    return {"both": both, "supplier": supplier, "customer": count - both - supplier}


def _shares(rng: Random, count: int, counts: dict[str, int]) -> list[str]:
    labels = [label for label, number in counts.items() for _ in range(number)]
    rng.shuffle(labels)
    return labels[:count]


def _company_identity(rng: Random, country: str, industry: Industry,
                      used: set[str]) -> tuple[str, str]:
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
            return (f"{rng.choice(ENGLISH_ADJECTIVES)} {rng.choice(ENGLISH_NOUNS)} "
                    f"{rng.choice(industry.english_words)}")
        if pattern < 0.8:
            return f"{rng.choice(BRANDS)} {rng.choice(industry.english_words)}"
        return f"{rng.choice(surnames)} & {rng.choice(surnames)}"
    if language == "fr":
        if pattern < 0.6:
            return f"{rng.choice(surnames)} {rng.choice(industry.french_words)}"
        return f"Groupe {rng.choice(surnames)}"
    if pattern < 0.6:
        return f"{rng.choice(surnames).title()} {rng.choice(industry.english_words)}"
    return f"{rng.choice(BRANDS)} {rng.choice(industry.english_words)}"


def _build_people(rng: Random, world: _World, count: int) -> None:
    companies = world.companies
    sizes = _company_sizes(rng, companies, count)
    width = _width(count, 5)
    emails: set[str] = set()
    for index, (company, size) in enumerate(zip(companies, sizes, strict=True)):
        executives = 2 if company.role == "home" else 1
        levels = sorted([0] * executives + [_level(rng) for _ in range(size - executives)])
        for level in levels:
            number = len(world.people) + 1
            person = _new_person(rng, world, index, level, emails)
            person.id = f"p{number:0{width}d}"
            company.people.append(len(world.people))
            world.people.append(person)
        _assign_managers(rng, [world.people[member] for member in company.people])


def _company_sizes(rng: Random, companies: list[_Company], count: int) -> list[int]:
    home = _home_size(count)
    others = companies[1:]
    sizes = [home] + [1] * len(others)
    weights = [min(rng.paretovariate(1.3), 50.0) * TIER_SIZE[company.tier] for company in others]
    cumulative = list(accumulate(weights))
    for _ in range(count - home - len(others)):
        sizes[1 + min(bisect(cumulative, rng.random() * cumulative[-1]), len(others) - 1)] += 1
    return sizes


def _level(rng: Random) -> int:
    return rng.choices(range(len(LEVEL_WEIGHTS)), LEVEL_WEIGHTS)[0]


def _new_person(rng: Random, world: _World, company_index: int, level: int,
                emails: set[str]) -> _Person:
    company = world.companies[company_index]
    function = rng.choices(FUNCTIONS, FUNCTION_WEIGHTS[company.role])[0]
    if level == 0 and rng.random() < EXECUTIVE_GENERALIST_SHARE:
        function = "general"
    language = LANGUAGES[company.country]
    if rng.random() < FOREIGN_NAME_SHARE:
        language = rng.choice(FOREIGN_LANGUAGES)
    female = rng.random() < 0.5
    first, last = _person_name(rng, language, female)
    start, end = _employment(rng, level, world.first_day, world.last_day)
    return _Person(
        id="",
        name=f"{first} {last}",
        email=_email(rng, first, last, company.domain, emails),
        company=company_index,
        title=_title(rng, level, function, company.country, female),
        level=level,
        function=function,
        start=start,
        end=end,
    )


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


def _assign_managers(rng: Random, members: list[_Person]) -> None:
    by_level: dict[int, list[int]] = {}
    by_function: dict[tuple[int, str], list[int]] = {}
    for member in members:
        member_index = members.index(member) if False else None  # placeholder removed below
        del member_index
    for position, member in enumerate(members):
        by_level.setdefault(member.level, []).append(position)
        by_function.setdefault((member.level, member.function), []).append(position)
    for member in members:
        senior = [level for level in by_level if level < member.level]
        if not senior or rng.random() < BLANK_MANAGER_SHARE:
            continue
        nearest = max(senior)
        candidates = by_function.get((nearest, member.function)) or by_level[nearest]
        member.manager = members[rng.choice(candidates)].company * 0 + rng.choice(candidates)
