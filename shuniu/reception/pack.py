"""The reimbursement pack (报销材料): the four documents — 公函, 审批单, 接待清单, invoice — in one .zip, the forms as
.docx in the 公文 layout, the uploaded 公函 and invoice as they were received."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.reception import rules
from shuniu.reception.models import Reception


def _letter_docx(r: Reception) -> bytes:
    letter, doc = r.letter, OfficialDocument()
    doc.title(_("公函登记"))
    doc.table(
        [_("项目"), _("内容")],
        [
            [_("来函单位"), letter.sending_unit],
            [_("来函文号"), letter.doc_number or "—"],
            [_("来访人数"), letter.guest_count],
            [_("来访人员"), "；".join(x.strip() for x in letter.guests.splitlines() if x.strip())],
            [_("来访时间"), f"{date_cn(letter.start_date)}至{date_cn(letter.end_date)}"],
            [_("公务活动"), letter.activities],
        ],
    )
    return doc.to_bytes()


def approval_docx(r: Reception) -> bytes:
    doc = OfficialDocument()
    doc.title(_("公务接待审批单"))
    doc.table(
        [_("项目"), _("内容")],
        [
            [_("编号"), r.code],
            [_("接待单位"), r.host_unit.name],
            [_("来函单位及文号"), str(r.letter)],
            [_("接待事由"), r.purpose],
            [_("接待对象人数"), r.planned_guests],
            [_("陪餐人数"), r.planned_accompanying],
            [_("工作餐次数"), r.planned_meals],
            [_("经费预算（元）"), r.budget],
            [_("审批意见"), f"{r.get_status_display()} {r.status_reason}".strip()],
            [
                _("审批人"),
                f"{r.approved_by or '—'} {date_cn(timezone.localtime(r.approved_at)) if r.approved_at else ''}",
            ],
        ],
    )
    return doc.to_bytes()


def list_docx(r: Reception) -> bytes:
    items = list(r.items.all())
    doc = OfficialDocument()
    doc.title(_("公务接待清单"))
    doc.para(_("接待单位：%(u)s　来函单位：%(l)s") % {"u": r.host_unit.name, "l": r.letter.sending_unit})
    doc.table(
        [_("姓名"), _("单位"), _("职务"), _("职级")],
        [[g.name, g.unit, g.position, g.rank or "—"] for g in r.guest_rows.select_related("rank")],
    )
    doc.blank()
    doc.table(
        [_("日期"), _("项目"), _("地点"), _("内容"), _("人数"), _("陪同"), _("费用（元）"), _("结算")],
        [
            [f"{i.date.month}月{i.date.day}日", i.get_kind_display(), i.place, i.content, i.guests, i.accompanying,
             i.cost, i.get_payment_display()]
            for i in items
        ],
    )  # fmt: skip
    doc.para(_("合计：%(c)s元。") % {"c": rules.summary(items)["cost"]})
    for b in r.breaches:
        doc.para(_("提示：%(t)s") % {"t": b["text"]})
    return doc.to_bytes()


def pack_zip(r: Reception) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if r.letter.file:
            with r.letter.file.open("rb") as f:
                archive.writestr(f"1-公函{PurePath(r.letter.file.name).suffix}", f.read())
        else:
            archive.writestr("1-公函登记.docx", _letter_docx(r))
        archive.writestr("2-公务接待审批单.docx", approval_docx(r))
        archive.writestr("3-公务接待清单.docx", list_docx(r))
        if r.invoice:
            with r.invoice.open("rb") as f:
                archive.writestr(f"4-发票{PurePath(r.invoice.name).suffix}", f.read())
        else:
            archive.writestr("4-发票（未上传）.txt", _("发票尚未上传，请补齐后再报销。").encode())
    return buffer.getvalue()
