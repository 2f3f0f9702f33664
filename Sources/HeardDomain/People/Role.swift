/// What a person may do in Heard. Staff roles sign in; involved people take part.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case administrator
    case engagementOfficer = "engagement_officer"
    case complaintsHandler = "complaints_handler"
    case moderator
    case boardSecretary = "board_secretary"
    case involvedPerson = "involved_person"

    /// Plain-English name shown on pages and in replies.
    public var title: String {
        switch self {
        case .administrator: "Administrator"
        case .engagementOfficer: "Engagement officer"
        case .complaintsHandler: "Complaints handler"
        case .moderator: "Moderator"
        case .boardSecretary: "Board secretary"
        case .involvedPerson: "Involved person"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
