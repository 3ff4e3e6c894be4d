from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "shuniu.demo"
    label = "demo"
    verbose_name = "示范县"
