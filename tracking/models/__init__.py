from tracking.models.history import HistoryTable, HistoryYear, PrintedHistoryTotal  # noqa: F401
from tracking.models.outcomes import OutcomeTally  # noqa: F401
from tracking.models.reports import (  # noqa: F401
    FIGURE_FIELDS,
    FIGURE_FIELDS_SQL,
    ReminderKind,
    ReportStatus,
    TrackingEvidence,
    TrackingReminder,
    TrackingReport,
)
from tracking.models.testbed_outcomes import TestbedOutcome  # noqa: F401
