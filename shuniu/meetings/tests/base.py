import datetime as dt

from shuniu.meetings.models import Venue
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user

TZ = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hm: str) -> dt.datetime:
    """A fixed local time, e.g. at("2026-12-15", "09:00")."""
    return dt.datetime.fromisoformat(f"{day}T{hm}:00+08:00")


class MeetingsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.secretariat = make_unit("秘书科", Unit.Kind.SECTION, cls.office)
        cls.secretary = make_user("secretary", cls.secretariat, "secretary", real_name="秦秘书")
        cls.director = make_user("director", cls.office, "office_director", real_name="办公室主任")
        cls.deputy = make_user("deputy", cls.county, "county_leader", real_name="林副书记")
        cls.room = Venue.objects.create(
            code="room-1", name="县委第一会议室", capacity=60, equipment="投影、视频会议终端"
        )
        cls.hall = Venue.objects.create(code="hall", name="县会议中心大礼堂", capacity=400)

    def api(self, user, method, path, payload=None):
        self.client.force_login(user)
        call = getattr(self.client, method)
        return call(path, payload, content_type="application/json") if payload is not None else call(path)
