"""归档 of an outgoing document (SPEC §6): one .zip — the signed .docx, every kept version, the 发文稿纸 with every
opinion, the attachments, and a JSON manifest with each file's SHA-256 — stored on the document."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.documents import gbt9704
from shuniu.documents.models import Outgoing
from shuniu.documents.transitions import OUTGOING_FLOW


def drafting_sheet(outgoing: Outgoing) -> bytes:
    """发文稿纸: the document's particulars and every opinion with its name and full date."""
    doc = OfficialDocument()
    doc.title(f"{outgoing.prefix.issuer}发文稿纸")
    doc.blank()
    rows = [
        ["发文字号", outgoing.doc_number or "（未编号）"],
        ["标题", outgoing.title],
        ["文种", outgoing.get_doc_type_display()],
        ["紧急程度", outgoing.get_urgency_display() if outgoing.urgency else "无"],
        ["拟稿单位", outgoing.drafting_unit.name],
        ["拟稿人", outgoing.drafter.real_name or outgoing.drafter.username],
        ["主送", outgoing.main_recipients],
        ["抄送", outgoing.cc],
        ["成文日期", date_cn(outgoing.issued_on) if outgoing.issued_on else ""],
        ["印发份数", str(outgoing.copies)],
    ]
    doc.table(["项目", "内容"], rows)
    doc.blank()
    doc.heading("办理意见")
    opinions = [
        [o.get_step_display(), o.unit.name if o.unit else "", o.signature]
        for o in outgoing.opinions.select_related("unit")
    ]
    doc.table(["环节", "单位", "意见、签名和日期"], opinions or [["", "", "（无）"]])
    return doc.to_bytes()


def package(outgoing: Outgoing) -> bytes:
    files: dict[str, bytes] = {
        f"{outgoing.code}-正式文件.docx": gbt9704.render(outgoing),
        f"{outgoing.code}-发文稿纸.docx": drafting_sheet(outgoing),
    }
    for version in outgoing.versions.select_related("author"):
        when = timezone.localtime(version.created_at)
        text = (
            f"版本 {version.number}\n修改人：{version.author.real_name}\n时间：{when:%Y-%m-%d %H:%M}\n\n"
            f"{version.title}\n\n{version.body}\n"
        )
        files[f"versions/v{version.number}.txt"] = text.encode("utf-8")
    for attachment in outgoing.files.all():
        with attachment.file.open("rb") as handle:
            files[f"attachments/{attachment.pk}-{attachment.name}"] = handle.read()
    manifest: dict[str, Any] = {
        "code": outgoing.code,
        "doc_number": outgoing.doc_number,
        "title": outgoing.title,
        "doc_type": outgoing.doc_type,
        "issuer": outgoing.prefix.issuer,
        "issued_on": outgoing.issued_on.isoformat() if outgoing.issued_on else None,
        "signer": outgoing.signer_name,
        "signed_as_delegate": outgoing.signed_as_delegate,
        "recipients": [u.name for u in outgoing.recipients.all()],
        "opinions": [
            {
                "step": o.step,
                "name": o.name,
                "text": o.text,
                "delegate": o.delegate,
                "at": timezone.localtime(o.at).isoformat(),
            }
            for o in outgoing.opinions.all()
        ],
        "archived_at": timezone.localtime().isoformat(),
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)} for name, data in files.items()
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def outgoing_archive(*, actor: Any, outgoing: Outgoing, reason: str = "") -> Outgoing:
    def apply(o: Outgoing) -> list[str]:
        o.archived_at = timezone.now()
        o.archive.save(f"{o.code}.zip", ContentFile(package(o)), save=False)
        return ["archived_at", "archive"]

    return OUTGOING_FLOW.run("archive", actor=actor, obj=outgoing, apply=apply)
