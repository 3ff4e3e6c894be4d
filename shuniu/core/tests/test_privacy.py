from django.test import SimpleTestCase

from shuniu.core.privacy import redact


class RedactTests(SimpleTestCase):
    def test_it_masks_numbers_and_names(self):
        text = "张三反映：联系电话13812345678，座机0571-87654321，身份证33010219900101123X，请回电张三。"
        self.assertEqual(
            redact(text, names=["张三"]),
            "张某反映：联系电话138****5678，座机0571-********，身份证330102********123X，请回电张某。",
        )

    def test_it_leaves_ordinary_text_and_short_numbers_alone(self):
        for text in ("2026年10月1日已修复路灯3盏，投入资金12000元。", "编号SQ-2026-000123", ""):
            self.assertEqual(redact(text), text)
        self.assertEqual(redact("张", names=["张", ""]), "张")  # one character is not a name to mask
