import datetime as dt

from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user

TZ = dt.timezone(dt.timedelta(hours=8))


class InformationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.info_section = make_unit("信息科", Unit.Kind.SECTION, cls.office)
        cls.editor = make_user("editor", cls.info_section, "info_editor", real_name="吴编辑")
        cls.officer_a = make_user("officer_a", cls.unit_a, "info_officer", real_name="信息员甲")
        cls.officer_b = make_user("officer_b", cls.unit_b, "info_officer", real_name="信息员乙")
        cls.director = make_user("director", cls.office, "office_director", real_name="办公室主任")
        cls.duty = make_user("duty", cls.office, "duty_officer", real_name="值班员")

    def api(self, user, method, path, payload=None):
        self.client.force_login(user)
        call = getattr(self.client, method)
        return call(path, payload, content_type="application/json") if payload is not None else call(path)
