"""The models of grassroots governance live in its sub-packages; Django finds them here."""

from shuniu.governance.legal.models import LegalWorker, MediationCase, MediationSession
from shuniu.governance.participation.models import EventItem, ParticipationEvent
from shuniu.governance.requests.models import (
    DEFAULT_LIMITS,
    Attachment,
    Category,
    Channel,
    CitizenRequest,
    Dispatch,
    Extension,
    GovernanceConfig,
    RequestType,
    TimeLimit,
    Urgency,
)
from shuniu.governance.smart.models import HotWords
from shuniu.governance.volunteers.models import STAR_HOURS, Signup, Volunteer, VolunteerActivity

__all__ = [
    "DEFAULT_LIMITS",
    "STAR_HOURS",
    "Attachment",
    "Category",
    "Channel",
    "CitizenRequest",
    "Dispatch",
    "EventItem",
    "Extension",
    "GovernanceConfig",
    "HotWords",
    "LegalWorker",
    "MediationCase",
    "MediationSession",
    "ParticipationEvent",
    "RequestType",
    "Signup",
    "TimeLimit",
    "Urgency",
    "Volunteer",
    "VolunteerActivity",
]
