"""The stable ids of SPEC §2 with their labels in both languages."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, str]] = {
    "government_office": ("党政机关/国家机关", "government office"),
    "government_service_hall": ("政务服务大厅", "government service hall"),
    "news_media": ("广播电台电视台等新闻单位", "news media"),
    "telecom_postal": ("电信/邮政/寄递", "telecom, postal and delivery"),
    "financial": ("金融机构营业场所", "financial institution premises"),
    "vault_valuables": ("金库/货币有价证券票据制造存放", "vault, currency and securities"),
    "museum_archive": ("博物馆/纪念馆/展览馆/档案馆/文物保护单位", "museum, memorial, archive or heritage site"),
    "research_institute": ("重点科研机构", "key research institute"),
    "hazardous_materials": ("危险物品/菌种毒种单位", "hazardous materials"),
    "energy_utility": ("供水供电供气供热/能源设施", "water, power, gas, heat or energy facility"),
    "water_conservancy": ("水利工程/堤防水库", "water-conservancy works"),
    "fuel_station": ("加油站/油库", "fuel station or depot"),
    "warehouse_reserve": ("大型物资储备/仓储", "large reserve or warehouse"),
    "hotel": ("旅馆/饭店/宾馆/招待所/民宿", "hotel or guesthouse"),
    "restaurant": ("餐饮", "restaurant"),
    "shopping_center": ("商场/商贸中心/商业街/超市", "shopping centre, street or supermarket"),
    "market": ("集贸/农贸市场", "market"),
    "exhibition_center": ("会展中心", "exhibition centre"),
    "entertainment_venue": ("文化娱乐场所", "entertainment venue"),
    "song_dance_venue": ("歌舞娱乐场所（歌舞厅、KTV、夜总会等）", "song-and-dance venue (dance hall, KTV, nightclub)"),
    "internet_cafe": ("互联网上网服务场所", "internet café"),
    "sports_venue": ("体育场馆", "sports venue"),
    "tourist_site": ("旅游景区", "tourist site"),
    "park_square": ("公园/广场", "park or square"),
    "hospital": ("医疗机构", "medical institution"),
    "school": ("学校/教育机构", "school or education institution"),
    "kindergarten": ("幼儿园", "kindergarten"),
    "residential_compound": ("住宅小区", "residential compound"),
    "office_building": ("办公楼", "office building"),
    "public_parking": ("公共停车场", "public car park"),
    "transport_hub": ("机场/港口/车站/码头/轨道交通站", "transport hub"),
    "port_of_entry": ("出入境口岸", "port of entry"),
    "public_transport_vehicle": ("公共交通工具", "public transport vehicle"),
    "highway_service_area": ("高速公路/国省干线服务区", "highway service area"),
    "road_bridge_tunnel": ("道路/路口/桥梁/隧道/地下通道", "road, junction, bridge or tunnel"),
    "jewelry_pawn": ("贵金属珠宝/典当/旧货", "jewellery, pawn or second-hand trade"),
    "construction_site": ("建筑工地", "construction site"),
    "counter_terror_target": ("防范恐怖袭击重点目标", "counter-terrorism key target"),
    "security_service": ("保安服务中形成监控影像（保安服务公司或自行招用的保安员）",
                         "footage formed in a security service (security company or in-house guards)"),
    "religious_site": ("宗教活动场所", "religious venue"),
    "elderly_care": ("养老机构", "elderly-care institution"),
    "child_welfare": ("儿童福利/救助管理机构", "child welfare or relief institution"),
    "library": ("图书馆", "library"),
    "urban_village": ("城中村", "urban village"),
    "other_public": ("其他公共场所", "other public place"),
    "non_public": ("非公共场所", "non-public place"),
}

# A narrower category is also the wider one: a 歌舞娱乐场所 is a 文化娱乐场所 (娱乐场所管理条例第二条), so every rule
# that binds entertainment venues binds it whether or not the inventory also lists entertainment_venue.
IMPLIED_CATEGORIES: dict[str, frozenset[str]] = {"song_dance_venue": frozenset({"entertainment_venue"})}


def with_implied(categories: frozenset[str]) -> frozenset[str]:
    """The categories as written plus those each of them implies."""
    return categories.union(*(IMPLIED_CATEGORIES.get(c, frozenset()) for c in categories))


ORDINARY_ZONES: dict[str, tuple[str, str]] = {
    "entrance": ("出入口", "entrance"),
    "lobby": ("大厅/大堂", "lobby"),
    "corridor": ("通道/走廊", "corridor"),
    "elevator": ("电梯", "elevator"),
    "stairwell": ("楼梯间", "stairwell"),
    "perimeter": ("周界", "perimeter"),
    "parking_area": ("停车区域", "parking area"),
    "cashier": ("收银台", "cashier"),
    "counter": ("营业柜台", "service counter"),
    "vault": ("金库", "vault"),
    "platform": ("站台", "platform"),
    "waiting_hall": ("候车/候诊厅", "waiting hall"),
    "public_area": ("公共区域", "public area"),
    "roadway": ("道路/路口", "road or junction"),
    "square": ("广场", "square"),
    "bridge_tunnel": ("桥梁/隧道/地下通道", "bridge, tunnel or underpass"),
    "warehouse": ("仓库", "warehouse"),
    "kitchen": ("厨房", "kitchen"),
    "classroom": ("教室", "classroom"),
    "activity_area": ("保教/活动区域", "activity area"),
    "control_room": ("监控室", "control room"),
    "office": ("办公室", "office"),
    "vehicle_interior": ("车厢", "vehicle interior"),
    "station_area": ("城市轨道交通站/公共汽车枢纽站区域", "metro station or city bus hub area"),
    "park_area": ("开放式公园区域", "open park area"),
    "emergency_shelter": ("应急疏散/避难场所", "emergency evacuation shelter"),
    "other": ("其他", "other"),
}

PRIVATE_ZONES: dict[str, tuple[str, str]] = {
    "guest_room": ("客房", "guest room"),
    "private_dining_room": ("包间", "private dining room"),
    "karaoke_room": ("娱乐场所包房", "karaoke room"),
    "dormitory_room": ("宿舍房间", "dormitory room"),
    "staff_rest_room": ("内部人员住宿/休息房间", "staff rest room"),
    "apartment_room": ("公寓房间", "apartment room"),
    "bathroom": ("浴室", "bathroom"),
    "toilet": ("卫生间", "toilet"),
    "changing_room": ("更衣室", "changing room"),
    "nursing_room": ("哺乳室", "nursing room"),
    "fitting_room": ("试衣间", "fitting room"),
    "makeup_room": ("化妆间", "make-up room"),
    "financial_operation_area": ("可能泄露客户信息的金融操作部位", "financial operation area"),
    "ballot_area": ("选举箱/投票点/举报箱附近", "ballot or report-box area"),
}

ZONE_KINDS = {**ORDINARY_ZONES, **PRIVATE_ZONES}

CONTROLS: dict[str, tuple[str, str]] = {
    "access_log": ("调取/查阅登记", "access log"),
    "staff_vetting": ("重要岗位人员入职审查", "staff vetting"),
    "staff_training": ("保密教育、岗位培训", "staff training"),
    "access_control": ("授权管理、访问控制", "access control"),
    "duty_monitoring": ("值班监看", "duty monitoring"),
}

OPERATOR_KINDS: dict[str, tuple[str, str]] = {
    "government": ("政府部门", "government"),
    "enterprise": ("企业", "enterprise"),
    "public_institution": ("事业单位", "public institution"),
    "individual": ("个人", "individual"),
    "other": ("其他", "other"),
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return zh if lang == "zh" else en
