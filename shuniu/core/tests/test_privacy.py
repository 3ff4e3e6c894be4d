from django.test import SimpleTestCase

from shuniu.core.privacy import for_viewer, redact


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


class FreeTextNumberTests(SimpleTestCase):
    def test_it_masks_numbers_however_they_were_typed(self):
        cases = {
            "电话138 1234 5679": "电话138****5679",
            "电话138-1234-5670": "电话138****5670",
            "电话+8613812345672": "电话138****5672",
            "电话１３８１２３４５６７３": "电话138****5673",
            "电话一三八一二三四五六七四": "电话138****5674",
            "手机幺三八 一二三四 五六七五": "手机138****5675",
            "身份证110105 19900101 1234": "身份证110105********1234",
            "身份证11010519900101123x": "身份证110105********123X",
            "座机0571-87654321": "座机0571-********",
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(redact(text), expected)

    def test_it_leaves_ordinary_numbers_alone(self):
        for text in ("2026年12月1日", "第一三八号文件", "金额123456元", "电话 12345", "一二三四五"):
            with self.subTest(text=text):
                self.assertEqual(redact(text), text)

    def test_it_shows_everything_to_a_viewer_who_may_see_it(self):
        self.assertEqual(for_viewer("138 1234 5679", may_see=True), "138 1234 5679")
        self.assertEqual(for_viewer("138 1234 5679", may_see=False), "138****5679")
