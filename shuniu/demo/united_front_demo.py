"""The demo county's 统战对象 (issue 15): 30 contacts across the categories (numbers encrypted, as entered), a
year of 联谊交友, three 建言献策 of which one became a supervision task — dated from the day loaded."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from shuniu.demo.county import liaison_name
from shuniu.org.models import Unit, User
from shuniu.united_front import services
from shuniu.united_front.models import Contact

PEOPLE = [
    ("县第一中学", "副校长", "民盟"), ("县人民医院", "主任医师", "农工党"), ("示范县律师事务所", "主任", "无党派"),
    ("县农商银行", "副行长", "民建"), ("县职业中专", "教师", "九三学社"), ("湖滨镇", "个体工商户", ""),
]  # fmt: skip
SUGGESTIONS = [
    ("关于加强县城学校周边交通安全的建议", "上下学高峰拥堵，建议设置潮汐车道、增派护学岗。"),
    ("关于扶持县域特色农产品电商的建议", "建议整合物流资源，建设县级电商公共服务中心。"),
    ("关于提升基层医疗服务能力的建议", "建议推行县乡医生轮岗，完善家庭医生签约服务。"),
]


def load(now: dt.datetime) -> int:
    officer = User.objects.filter(username="tongzhan").first()
    if officer is None or Contact.objects.exists():
        return 0
    today = timezone.localtime(now).date()
    categories = services.categories()
    contacts = []
    for i in range(30):
        org, position, party = PEOPLE[i % len(PEOPLE)]
        contacts.append(services.contact_create(
            actor=officer, name=liaison_name(900 + i), category=categories[i % len(categories)], organisation=org,
            position=position, affiliation=party, phone=f"139{5300_0000 + i * 7919:08d}", keeper=officer,
        ))  # fmt: skip
    for i, contact in enumerate(contacts[:12]):
        kind = ["visit", "talk", "forum", "greeting"][i % 4]
        day = today - dt.timedelta(days=10 + i * 13)
        services.record_add(
            actor=officer, contact=contact, date=day, kind=kind, content="交流近期工作，听取意见建议", today=today
        )
    made = [
        services.suggestion_add(
            actor=officer,
            contact=contacts[i * 3],
            title=t,
            content=c,
            received_on=today - dt.timedelta(days=30 - i * 7),
        )
        for i, (t, c) in enumerate(SUGGESTIONS)
    ]
    unit = Unit.objects.filter(name="县教育和体育局").first()
    if unit is not None:
        due = today + dt.timedelta(days=45)
        services.suggestion_to_task(actor=officer, suggestion=made[0], lead_unit=unit, due_date=due, today=today)
    return len(contacts)
