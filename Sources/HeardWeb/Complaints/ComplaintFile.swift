import HeardDomain
import HeardStorage

/// Who may read a formal complaint's own words and the complainant's contact details.
///
/// Once feedback is escalated to a complaint it is a complaint file, read by the complaints team (and
/// administrators) like the complaint pages themselves. Its themes and sentiment still count in every figure
/// and list, because complaints are learning data (domain rules §4); only its text and contact details close.
enum ComplaintFile {
    /// Why `role` may not open this item, or nil when it may.
    static func refusal(_ item: FeedbackItem, for role: Role) -> String? {
        guard item.status == .escalated, !StaffArea.complaints.allows(role) else { return nil }
        return
            "\(item.reference) is a formal complaint, so only complaints handlers and administrators can read it. Its themes still count in the feedback figures."
    }

    /// Whether the staff feedback list may link to this item for `role`.
    static func opens(_ item: FeedbackItem, for role: Role?) -> Bool {
        role.map { refusal(item, for: $0) == nil } ?? false
    }
}
