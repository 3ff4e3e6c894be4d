"""Legal services: the registry by village, consultations routed to an adviser, and mediation cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.governance.legal.policies import legal_worker_policy, mediation_policy
from shuniu.governance.models import CitizenRequest, GovernanceConfig, LegalWorker, MediationCase, MediationSession
from shuniu.governance.requests import services
from shuniu.org.models import Unit


def adviser_for(place: Unit | None) -> LegalWorker | None:
    """The legal adviser of a village, else of any village in the same town."""
    if place is None:
        return None
    advisers = LegalWorker.objects.filter(role=LegalWorker.Role.ADVISER, is_active=True)
    found = advisers.filter(village=place).first()
    if found is None and place.parent is not None:
        town_path = place.parent.path if place.kind != Unit.Kind.TOWN else place.path
        found = advisers.filter(village__path__startswith=town_path).first()
    return found


def worker_register(*, actor: Any, name: str, role: str, village: Unit, phone: str = "") -> LegalWorker:
    """Add a person to the legal-service registry."""
    authorize(legal_worker_policy, actor, "register")
    refuse_marked([(_("姓名"), name), (_("联系电话"), phone)], user=actor, where="governance.legal")
    with transaction.atomic():
        worker = LegalWorker(name=name, role=role, village=village, phone=phone)
        worker.full_clean()
        worker.save()
        audit.record(actor=actor, action="create", obj=worker, changes={"role": [None, role]})
    return worker


def route_legal_consultation(*, actor: Any, req: CitizenRequest) -> LegalWorker:
    """A legal question goes to the adviser of the citizen's village (dispatched to 县司法局, who supervise them)."""
    adviser = adviser_for(req.town)
    if adviser is None:
        raise ValidationError(_("该地没有登记的法律顾问，请派往县司法局。"))
    justice = Unit.objects.filter(name="县司法局").first()
    if justice is None:
        raise ValidationError(_("没有县司法局这个单位。"))
    with transaction.atomic():
        services.request_dispatch(actor=actor, req=req, unit=justice)
        audit.record(
            actor=actor,
            action="route_to_adviser",
            obj=req,
            object_repr=req.code,
            changes={"adviser": [None, str(adviser)]},
        )
    return adviser


def case_open(
    *,
    actor: Any,
    applicant: str,
    respondent: str,
    dispute_type: str,
    facts: str,
    mediator: LegalWorker,
    opened_on: dt.date | None = None,
    request: CitizenRequest | None = None,
) -> MediationCase:
    """Open a mediation case (by the office), assigned to a 调解员 of the registry."""
    authorize(mediation_policy, actor, "open")
    refuse_marked(
        [(_("申请人"), applicant), (_("被申请人"), respondent), (_("纠纷事实"), facts)],
        user=actor,
        where="governance.mediation",
    )
    if mediator.role != LegalWorker.Role.MEDIATOR:
        raise ValidationError(_("请选择调解员。"))
    day = opened_on or timezone.localdate()
    with transaction.atomic():
        case = MediationCase(
            code=f"TJ-{day.year}-{next_value(f'TJ-{day.year}'):04d}",
            applicant=applicant,
            respondent=respondent,
            dispute_type=dispute_type,
            facts=facts,
            mediator=mediator,
            village=mediator.village,
            opened_on=day,
            request=request,
        )
        case.full_clean()
        case.save()
        audit.record(actor=actor, action="create", obj=case, changes={"dispute_type": [None, dispute_type]})
    return case


def session_add(*, actor: Any, case: MediationCase, held_on: dt.date, notes: str) -> MediationSession:
    """Record a mediation session (the office, or the case's 调解员)."""
    authorize(mediation_policy, actor, "session", case)
    if case.status != MediationCase.Status.OPEN:
        raise ValidationError(_("案件已结案。"))
    refuse_marked([(_("调解经过"), notes)], user=actor, where="governance.mediation")
    with transaction.atomic():
        session = MediationSession.objects.create(case=case, held_on=held_on, notes=notes)
        audit.record(actor=actor, action="mediation_session", obj=case, changes={"held_on": [None, held_on]})
    return session


def case_close(
    *, actor: Any, case: MediationCase, status: str, agreement: str = "", closed_on: dt.date | None = None
) -> MediationCase:
    """结案: succeeded (with the agreement), failed or withdrawn."""
    authorize(mediation_policy, actor, "close", case)
    if case.status != MediationCase.Status.OPEN or status == MediationCase.Status.OPEN:
        raise ValidationError(_("案件已结案，或结案状态不对。"))
    if status == MediationCase.Status.SUCCEEDED and not agreement.strip():
        raise ValidationError(_("调解成功须写明协议内容。"))
    refuse_marked([(_("协议内容"), agreement)], user=actor, where="governance.mediation")
    with transaction.atomic():
        case.status, case.agreement, case.closed_on = status, agreement, closed_on or timezone.localdate()
        case.save(update_fields=["status", "agreement", "closed_on", "updated_at"])
        audit.record(actor=actor, action="close", obj=case, changes={"status": ["open", status]})
    return case


def overdue(case: MediationCase, today: dt.date, days: int | None = None) -> bool:
    """Still open past the configured time (default one month) after it was accepted."""
    limit = days if days is not None else GovernanceConfig.current().mediation_days
    return case.status == MediationCase.Status.OPEN and (today - case.opened_on).days > limit


def agreement_docx(case: MediationCase) -> bytes:
    """人民调解协议书."""
    if case.status != MediationCase.Status.SUCCEEDED:
        raise ValidationError(_("只有调解成功的案件才有协议书。"))
    doc = OfficialDocument()
    doc.title("人民调解协议书")
    doc.subtitle(f"编号：{case.code}")
    doc.blank()
    doc.para(f"当事人：{case.applicant}（申请人）；{case.respondent}（被申请人）。")
    doc.para(f"纠纷类型：{case.get_dispute_type_display()}。")
    doc.para(f"纠纷主要事实：{case.facts}")
    doc.para(f"经{case.village.name if case.village else ''}人民调解委员会调解，双方自愿达成如下协议：")
    doc.para(case.agreement)
    doc.para("履行方式、时限：按上述约定履行。本协议一式三份，当事人各执一份，人民调解委员会留存一份。")
    doc.para("本协议经双方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章后生效。")
    committee = f"{case.village.name if case.village else ''}人民调解委员会"
    signed_on = date_cn(case.closed_on or timezone.localdate())
    doc.signatures(
        [
            (f"申请人：{case.applicant}", "签名（盖章或按指印）", ""),
            (f"被申请人：{case.respondent}", "签名（盖章或按指印）", ""),
            (f"人民调解员：{case.mediator.name}", "签名", ""),
            (committee, "盖章", signed_on),
        ]
    )
    return doc.to_bytes()
