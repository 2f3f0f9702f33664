/// The parts of the staff side of Heard, and which roles may use each.
///
/// Kept in one table so that route checks, navigation and the tests of both read the same rule.
public enum StaffArea: String, CaseIterable, Sendable {
    /// The dashboard every signed-in staff member lands on.
    case dashboard
    /// Organisations, places and services.
    case referenceData
    /// Accounts and roles.
    case users
    /// The audit log.
    case audit
    /// Checking and publishing what the public wrote.
    case moderation
    /// Formal complaints and their clock: acknowledgement, delay letters, the written response.
    case complaints
    /// Replying to stories, entering feedback for people, urgent alerts.
    case feedback
    /// Raising and updating "we did" actions.
    case actions
    /// Importing and exporting feedback, staff API tokens.
    case dataTransfer
    /// The page an involved person sees: their invitations and the influence they had.
    case involvement
    /// Initiatives, their consultations, surveys, analysis and equality impact assessments.
    case initiatives
    /// Involvement activities in the community and how often each place has one.
    case activities
    /// Decision records and approval through the Gunning gate.
    case decisions
    /// Boards and panels, their members and the register of interests.
    case boards
    /// Indicators per place over time, beside the relational care found in feedback.
    case indicators
    /// The e-mail outbox: what went, what failed and why, and sending again.
    case notices
    /// Reading the e-mails Heard wrote to the public (replies, "you said, we did", consultation outcomes, receipts),
    /// so whoever published something can see what went and when; sending again stays with `notices`.
    case publicNotices
    /// Background jobs (import analysis, reminders, housekeeping): what failed and why, and running again.
    case backgroundWork
    /// Answering a member of the public who asks for a copy of their data, or for it to be erased.
    case personalData

    public var allowedRoles: Set<Role> {
        switch self {
        case .dashboard: [.administrator, .engagementOfficer, .complaintsHandler, .moderator, .boardSecretary]
        case .referenceData, .users, .audit, .notices, .backgroundWork, .personalData: [.administrator]
        case .moderation: [.administrator, .moderator, .complaintsHandler]
        case .complaints: [.administrator, .complaintsHandler]
        case .feedback, .actions: [.administrator, .engagementOfficer, .complaintsHandler, .moderator]
        case .dataTransfer: [.administrator, .engagementOfficer]
        case .involvement: Set(Role.allCases)
        case .initiatives: [.administrator, .engagementOfficer, .boardSecretary]
        case .activities, .publicNotices: [.administrator, .engagementOfficer]
        case .decisions, .boards: [.administrator, .boardSecretary]
        case .indicators: [.administrator, .engagementOfficer, .boardSecretary]
        }
    }

    public func allows(_ role: Role) -> Bool { allowedRoles.contains(role) }
}

extension Role {
    /// Involved people take part but are not staff.
    public var isStaff: Bool { self != .involvedPerson }

    /// Where this role lands after signing in.
    public var homeArea: StaffArea { isStaff ? .dashboard : .involvement }
}
