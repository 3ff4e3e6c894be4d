"""The check before 签发 (SPEC §6; 条例 第九、十五、十六条, GB/T 9704): each finding blocks or warns, with its
Chinese explanation. Run when the office passes the draft to the signer and again at 签发: a blocking finding
refuses the step."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from shuniu.core.classification import find_marking, find_marking_in_file
from shuniu.documents.models import DocType, Outgoing, Urgency
from shuniu.documents.numbers import parse

BLOCK, WARN = "block", "warn"
TELEGRAM_LEVELS = ("特提", "平急")
CN_DATE = re.compile(r"[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
DATE_FORM = re.compile(r"^\d{4}年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    text: str

    @property
    def blocks(self) -> bool:
        return self.level == BLOCK


def check(outgoing: Outgoing, *, signer: Any = None, delegate: bool = False, files: bool = True) -> list[Finding]:
    """Every rule the document breaks; `signer` is who is about to sign (default: who signed)."""
    out: list[Finding] = []

    def add(level: str, code: str, text: str) -> None:
        out.append(Finding(level, code, text))

    if outgoing.doc_type not in DocType.values:
        add(BLOCK, "doc_type", _("文种“%(t)s”不是《条例》第八条规定的15种公文之一。") % {"t": outgoing.doc_type})
    else:
        label = str(DocType(outgoing.doc_type).label).replace("（令）", "")
        if not outgoing.title.endswith(label):
            add(WARN, "title", _("标题应以文种“%(t)s”结尾（如“关于……的%(t)s”）。") % {"t": label})
    if outgoing.doc_number and parse(outgoing.doc_number) is None:
        add(BLOCK, "number_form", _("发文字号应为“机关代字〔年份〕序号号”，用六角括号，不加“第”，序号不编虚位。"))
    if outgoing.urgency not in Urgency.values:
        add(BLOCK, "urgency", _("公文的紧急程度只能标“特急”或“加急”；特提、平急是电报的紧急程度。"))
    if outgoing.doc_type == DocType.REQUEST and len(outgoing.recipient_list) > 1:
        add(BLOCK, "request_recipients", _("请示应当一文一事，只写一个主送机关（《条例》第十五条）；其他机关用抄送。"))
    if outgoing.doc_type == DocType.REQUEST and not outgoing.upward:
        add(WARN, "request_direction", _("请示是上行文，行文方向应为“上行文”。"))
    if not outgoing.recipient_list and outgoing.doc_type not in (
        DocType.ANNOUNCEMENT,
        DocType.PUBLIC_NOTICE,
        DocType.MINUTES,
        DocType.COMMUNIQUE,
    ):
        add(WARN, "recipients", _("未填写主送机关。"))
    who = signer if signer is not None else outgoing.signer
    principal = outgoing.prefix.principal if outgoing.prefix_id else None
    if outgoing.upward or outgoing.important:
        kind = _("上行文") if outgoing.upward else _("重要公文")
        if principal is None:
            add(
                BLOCK,
                "principal",
                _("%(k)s须由机关主要负责人签发，但发文字号“%(p)s”未设主要负责人。") % {"k": kind, "p": outgoing.prefix},
            )
        elif who is not None and who.pk != principal.pk and not delegate and not outgoing.signed_as_delegate:
            add(
                BLOCK,
                "signer",
                _("%(k)s须由机关主要负责人（%(n)s）签发；他人受权代签须注明“代”。")
                % {"k": kind, "n": principal.real_name or principal.username},
            )
        elif who is not None and who.pk != principal.pk:
            add(
                WARN,
                "delegate",
                _("由%(n)s代主要负责人签发，签发人处标注“代”。") % {"n": who.real_name or who.username},
            )
    if outgoing.issued_on is not None:
        day = outgoing.issued_on
        if not DATE_FORM.match(f"{day.year}年{day.month}月{day.day}日"):
            add(BLOCK, "date", _("成文日期应用阿拉伯数字写明年、月、日（如 2026年5月8日）。"))
    if CN_DATE.search(outgoing.body[-200:] if outgoing.body else ""):
        add(WARN, "date_in_body", _("正文末尾出现汉字日期；成文日期用阿拉伯数字，由系统在署名下标注。"))
    for label, text in (
        (_("标题"), outgoing.title),
        (_("正文"), outgoing.body),
        (_("附件说明"), outgoing.attachments_note),
    ):
        marking = find_marking(text)
        if marking:
            add(BLOCK, "marking", _("%(f)s含密级标志“%(m)s”：涉密内容不得在本系统处理。") % {"f": label, "m": marking})
    if files and outgoing.pk:
        for attachment in outgoing.files.all():
            with attachment.file.open("rb") as handle:
                marking = find_marking_in_file(attachment.name, handle.read())
            if marking:
                add(BLOCK, "marking_file", _("附件“%(f)s”含密级标志“%(m)s”。") % {"f": attachment.name, "m": marking})
    if outgoing.doc_type == DocType.REQUEST and "报告" in outgoing.title:
        add(WARN, "mixed", _("请示与报告不得混用（《条例》第十六条）：报告中不得夹带请示事项。"))
    return out


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocks]
