import Fluent

/// Every migration, in order. New ones go at the end with the next number; never edit a shipped one.
public enum HeardMigrations {
    public static var all: [any Migration] {
        [
            M0001_CreateReferenceData(),
            M0002_CreateUsers(),
            M0003_CreateAuditEvents(),
            M0004_CreateSignInAttempts(),
            M0005_CreateJobs(),
            M0010_CreateFeedback(),
            M0011_ImportDetails(),
            SessionRecord.migration,
            M0100_CreateDecisions(),
            M0101_ScaleIndexes(),
            M0102_CreateComplaints(),
            M0103_CreateBoards(),
            M0104_CreateIdeas(),
            M0105_CreateInvitations(),
            M0106_BoardMemberAccounts(),
            M0107_CreateIndicators(),
            M0108_CreateReminderRuns(),
            M0109_DeclarationLinks(),
            M0110_PasswordResets(),
            M0111_AnalysisCorrections(),
            M0112_ComplaintHandlers(),
            M0113_ScrutinyRecords(),
            M0114_FeedbackSubmissionKeys(),
            M0115_FeedbackWithdrawal(),
            M0116_ImportFileFingerprints(),
            M0117_DashboardFilterIndexes(),
            M0118_ComplaintDelayLettersAndClosure(),
            M0119_DecisionQuorum(),
            M0120_ConsultationExtensions(),
            M0121_EqualityAssessmentVersions(),
            M0122_IndicatorPeriods(),
            M0123_FormSubmissions(),
            M0124_EqualityResponseDays(),
            M0126_BoardQuorumAndInterestDates(),
            M0127_EqualityAssessmentFirstSaved(),
            M0128_GuestInvitations(),
            M0129_ComplaintLateStillFair(),
            M0130_ThemeResponseDates(),
            M0131_RetiredPlacesAndServices(),
            M0133_NoticeRetryTimes(),
        ]
    }
}
