"""Error pages in Chinese inside the product's shell, with a way back; the API documentation from vendored files,
for signed-in users only."""

from django.template.loader import render_to_string
from django.test import Client

from shuniu.org.testing import BaseTestCase


class ErrorPageTests(BaseTestCase):
    def test_it_answers_404_and_403_in_the_shell(self):
        self.client.force_login(self.clerk_b)
        page = self.client.get("/no/such/page/")
        self.assertEqual(page.status_code, 404)
        self.assertContains(page, "页面不存在", status_code=404)
        self.assertContains(page, "回到首页", status_code=404)
        self.assertContains(page, "navbar", status_code=404)
        denied = self.client.get("/supervision/tasks/new/")
        self.assertContains(denied, "没有权限", status_code=403)

    def test_it_explains_a_csrf_failure(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.clerk_a)
        response = client.post("/password/change/", {})
        self.assertContains(response, "页面已过期", status_code=403)

    def test_it_has_a_500_page_that_needs_nothing(self):
        html = render_to_string("500.html")
        self.assertIn("系统出错了", html)
        self.assertIn("回到首页", html)

    def test_it_serves_the_api_documentation_from_vendored_files_to_signed_in_users(self):
        self.assertEqual(self.client.get("/api/v1/docs").status_code, 302)
        self.client.force_login(self.clerk_a)
        docs = self.client.get("/api/v1/docs")
        self.assertEqual(docs.status_code, 200)
        body = docs.content.decode()
        self.assertIn("/static/ninja/swagger-ui-bundle.js", body)
        self.assertNotIn("cdn", body.lower())
