from tracking.models.history import HistoryTable, HistoryYear, PrintedHistoryTotal  # noqa: F401
from tracking.models.reports import (  # noqa: F401
    ReminderKind,
    ReportStatus,
    TrackingEvidence,
    TrackingReminder,
    TrackingReport,
)
