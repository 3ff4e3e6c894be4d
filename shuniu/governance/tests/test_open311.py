"""Open311 GeoReport v2, checked against the field lists of the specification."""

from shuniu.core.tokens import token_create
from shuniu.governance.models import Category, CitizenRequest
from shuniu.governance.requests import services
from shuniu.governance.tests.test_lifecycle import D, GovernanceTestCase

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


class Open311Tests(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.category = Category.objects.create(name="路灯照明", keywords="路灯 照明", default_unit=cls.unit_b)

    def setUp(self):
        _t, self.key = token_create(user=self.operator, name="12345系统")

    def test_it_serves_discovery_and_services(self):
        discovery = self.client.get("/open311/v2/discovery.json").json()
        endpoint = discovery["endpoints"][0]
        self.assertEqual(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2")
        self.assertIn("application/json", endpoint["formats"])
        [service] = self.client.get("/open311/v2/services.json").json()
        self.assertEqual(set(service), SERVICE_FIELDS)
        self.assertEqual(
            (service["service_name"], service["type"], service["metadata"]), ("路灯照明", "realtime", False)
        )
        definition = self.client.get(f"/open311/v2/services/{self.category.pk}.json").json()
        self.assertEqual(definition["service_code"], str(self.category.pk))
        missing = self.client.get("/open311/v2/services/999.json")
        self.assertEqual((missing.status_code, missing.json()[0]["code"]), (404, 404))

    def test_it_files_a_request_with_an_api_key(self):
        data = {
            "api_key": self.key,
            "service_code": str(self.category.pk),
            "lat": "36.9071",
            "long": "118.1090",
            "description": "锦秋路路灯不亮",
            "phone": "13912345678",
            "first_name": "先生",
            "last_name": "张",
        }
        r = self.client.post("/open311/v2/requests.json", data)
        self.assertEqual(r.status_code, 201, r.content.decode())
        [created] = r.json()
        req = CitizenRequest.objects.get(code=created["service_request_id"])
        self.assertEqual((req.citizen_name, float(req.latitude), req.category), ("张先生", 36.9071, self.category))
        token = self.client.get(f"/open311/v2/tokens/{req.code}.json").json()
        self.assertEqual(token[0]["service_request_id"], req.code)

    def test_it_refuses_bad_keys_and_bad_input_with_open311_errors(self):
        base = {"service_code": str(self.category.pk), "address_string": "锦秋路", "description": "x"}
        for data, status in (
            ({**base, "api_key": "nope"}, 403),
            ({**base, "api_key": self.key, "service_code": "9"}, 400),
            ({**base, "api_key": self.key, "description": ""}, 400),
            ({"api_key": self.key, "service_code": str(self.category.pk), "description": "x"}, 400),
            ({**base, "api_key": self.key, "lat": "north", "long": "1"}, 400),
        ):
            r = self.client.post("/open311/v2/requests.json", data)
            self.assertEqual(r.status_code, status, data)
            self.assertEqual(set(r.json()[0]), {"code", "description"})
        _t, clerk_key = token_create(user=self.clerk_a, name="x")
        self.assertEqual(self.client.post("/open311/v2/requests.json", {**base, "api_key": clerk_key}).status_code, 403)
        self.assertFalse(CitizenRequest.objects.exists())

    def test_it_lists_and_filters_requests_without_personal_data(self):
        req = self.receive(category=self.category)
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_b, today=D(2026, 9, 30))
        other = self.receive(title="别的", content="别的")
        services.request_reject(actor=self.operator, req=other, reason="不属于受理范围", advice="请咨询法院")
        rows = self.client.get("/open311/v2/requests.json").json()
        self.assertEqual(len(rows), 2)
        self.assertEqual(set(rows[0]), REQUEST_FIELDS)
        self.assertNotIn("13812341234", str(rows))
        self.assertNotIn("王女士", str(rows))
        by_id = self.client.get("/open311/v2/requests.json", {"service_request_id": req.code}).json()
        self.assertEqual((by_id[0]["status"], by_id[0]["agency_responsible"]), ("open", "县住房和城乡建设局"))
        closed = self.client.get("/open311/v2/requests.json", {"status": "closed"}).json()
        self.assertEqual([r["service_request_id"] for r in closed], [other.code])
        by_code = self.client.get("/open311/v2/requests.json", {"service_code": str(self.category.pk)}).json()
        self.assertEqual([r["service_request_id"] for r in by_code], [req.code])
        one = self.client.get(f"/open311/v2/requests/{req.code}.json").json()
        self.assertEqual(one[0]["service_request_id"], req.code)
        self.assertEqual(self.client.get("/open311/v2/requests/NOPE.json").status_code, 404)
        self.assertEqual(self.client.get("/open311/v2/requests.json", {"start_date": "yesterday"}).status_code, 400)
        self.assertEqual(self.client.get("/open311/v2/requests.json", {"status": "pending"}).status_code, 400)
