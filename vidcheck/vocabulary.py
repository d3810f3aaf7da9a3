"""The stable ids of SPEC §2; their labels are in the catalogs (``vidcheck/locales``), section by table."""

from __future__ import annotations

from collections.abc import Mapping

from .i18n import Pairs

CATEGORIES = Pairs("category", (
    "government_office", "government_service_hall", "news_media", "telecom_postal", "financial", "vault_valuables",
    "museum_archive", "research_institute", "hazardous_materials", "energy_utility", "water_conservancy",
    "fuel_station", "warehouse_reserve", "hotel", "restaurant", "shopping_center", "market", "exhibition_center",
    "entertainment_venue", "song_dance_venue", "internet_cafe", "sports_venue", "tourist_site", "park_square",
    "hospital", "school", "kindergarten", "residential_compound", "office_building", "public_parking",
    "transport_hub", "port_of_entry", "public_transport_vehicle", "highway_service_area", "road_bridge_tunnel",
    "jewelry_pawn", "construction_site", "counter_terror_target", "security_service", "religious_site",
    "elderly_care", "child_welfare", "library", "urban_village", "other_public", "non_public",
))

# A narrower category is also the wider one: a 歌舞娱乐场所 is a 文化娱乐场所 (娱乐场所管理条例第二条), so every rule
# that binds entertainment venues binds it whether or not the inventory also lists entertainment_venue.
IMPLIED_CATEGORIES: dict[str, frozenset[str]] = {"song_dance_venue": frozenset({"entertainment_venue"})}


def with_implied(categories: frozenset[str]) -> frozenset[str]:
    """The categories as written plus those each of them implies."""
    return categories.union(*(IMPLIED_CATEGORIES.get(c, frozenset()) for c in categories))


ORDINARY_ZONES = Pairs("zone", (
    "entrance", "lobby", "corridor", "elevator", "stairwell", "perimeter", "parking_area", "cashier", "counter",
    "vault", "platform", "waiting_hall", "public_area", "roadway", "square", "bridge_tunnel", "warehouse", "kitchen",
    "classroom", "activity_area", "control_room", "office", "vehicle_interior", "station_area", "park_area",
    "emergency_shelter", "other",
))

PRIVATE_ZONES = Pairs("zone", (
    "guest_room", "private_dining_room", "karaoke_room", "dormitory_room", "staff_rest_room", "apartment_room",
    "bathroom", "toilet", "changing_room", "nursing_room", "fitting_room", "makeup_room", "financial_operation_area",
    "ballot_area",
))

ZONE_KINDS = Pairs("zone", (*ORDINARY_ZONES, *PRIVATE_ZONES))

CONTROLS = Pairs("control", (
    "access_log", "staff_vetting", "staff_training", "access_control", "duty_monitoring",
))

OPERATOR_KINDS = Pairs("operator", (
    "government", "enterprise", "public_institution", "individual", "other",
))


def label(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    if isinstance(table, Pairs):  # the catalog of ``lang`` only
        word = table.word(key, lang)
        return key if word is None else word
    zh, en = table.get(key, (key, key))
    return zh if lang == "zh" else en
